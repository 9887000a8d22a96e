/**
 * An ID card gliding onto the reader, drawn inline so no image is fetched. The motion is
 * pure CSS (see .card-on-reader in styles.css) and stops under prefers-reduced-motion.
 */
export function CardOnReaderAnimation() {
  return (
    <svg className="card-on-reader" viewBox="0 -30 320 250" aria-hidden="true" focusable="false">
      <rect className="reader-body" x="40" y="120" width="240" height="80" rx="16" />
      <rect className="reader-pad" x="70" y="104" width="180" height="26" rx="8" />
      <circle className="reader-light" cx="250" cy="160" r="8" />
      <g className="id-card">
        <rect className="id-card-face" x="90" y="10" width="140" height="88" rx="10" />
        <rect className="id-card-photo" x="102" y="24" width="36" height="46" rx="4" />
        <rect className="id-card-line" x="148" y="28" width="68" height="8" rx="4" />
        <rect className="id-card-line" x="148" y="44" width="54" height="8" rx="4" />
        <rect className="id-card-line" x="148" y="60" width="62" height="8" rx="4" />
        <rect className="id-card-line" x="102" y="80" width="114" height="8" rx="4" />
      </g>
    </svg>
  );
}
