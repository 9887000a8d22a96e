<#
.SYNOPSIS
  Run as SYSTEM by the scheduled tasks Install-KioskLockdown.ps1 registers.

.DESCRIPTION
  RestartIfStale       The app restarts itself once a day in the quiet window when no citizen
                       is served; if it has been running longer than -MaxUptimeHours it missed
                       that, and is stopped here (Shell Launcher starts it again).
  InstallStagedUpdate  Installs an update the app (a standard user) downloaded and staged in
                       %ProgramData%\gov-kiosk\updates: the request file names VERSION and FILE.
                       Nothing staged is trusted: the installer is copied to a SYSTEM-only
                       directory, its Authenticode signature must be valid and issued to
                       -Publisher, its product version must be VERSION; then the app is stopped
                       (Shell Launcher's restart paused), the installer runs silently, a result
                       file (STATUS=installed|failed, VERSION=, REASON=) is left for the app to
                       report, and the terminal restarts.
#>
[CmdletBinding()]
param(
  [Parameter(Mandatory = $true)][ValidateSet('RestartIfStale', 'InstallStagedUpdate')][string]$Action,
  [int]$MaxUptimeHours = 26,
  [string]$Publisher = '',
  [string]$KioskUser = 'gov-kiosk',
  [string]$StagingDir = (Join-Path $env:ProgramData 'gov-kiosk\updates'),
  [string]$ProcessName = 'gov-kiosk'
)
$ErrorActionPreference = 'Stop'

function Restart-IfStale {
  $main = Get-Process -Name $ProcessName -ErrorAction SilentlyContinue | Sort-Object StartTime | Select-Object -First 1
  if (-not $main) { Write-Output "$ProcessName is not running"; return }
  $hours = ((Get-Date) - $main.StartTime).TotalHours
  if ($hours -lt $MaxUptimeHours) { Write-Output ("{0} up {1:N1} h: its own nightly restart happened" -f $ProcessName, $hours); return }
  Write-Output ("{0} up {1:N1} h: it missed its nightly restart; stopping it for Shell Launcher to restart" -f $ProcessName, $hours)
  Stop-Process -Name $ProcessName -Force
}

function Set-KioskShellAction([int]$DefaultAction) {
  # 0 = restart the shell when it exits, 3 = do nothing (while the installer replaces it).
  $sid = (New-Object System.Security.Principal.NTAccount($KioskUser)).Translate([System.Security.Principal.SecurityIdentifier]).Value
  $shellLauncher = [wmiclass]'\\localhost\root\standardcimv2\embedded:WESL_UserSetting'
  $current = Get-WmiObject -Namespace 'root\standardcimv2\embedded' -Class WESL_UserSetting | Where-Object { $_.Sid -eq $sid }
  if (-not $current) { throw "no Shell Launcher shell for $KioskUser" }
  $shellLauncher.RemoveCustomShell($sid) | Out-Null
  $shellLauncher.SetCustomShell($sid, $current.Shell, ($null), ($null), $DefaultAction) | Out-Null
}

function Install-StagedUpdate {
  $request = Join-Path $StagingDir 'request'
  if (-not (Test-Path $request)) { return }
  $work = Join-Path $env:windir ("Temp\gov-kiosk-update-" + [guid]::NewGuid())
  New-Item -ItemType Directory -Path $work | Out-Null
  $script:version = ''
  function Write-Result([string]$Status, [string]$Reason) {
    Set-Content -Path (Join-Path $StagingDir 'result') -Value "STATUS=$Status`nVERSION=$script:version`nREASON=$Reason" -NoNewline
    Write-Output "update $($script:version): $Status $Reason"
  }
  try {
    Move-Item -Force $request (Join-Path $work 'request')
    $lines = Get-Content (Join-Path $work 'request')
    $script:version = ($lines | Select-String -Pattern '^VERSION=([0-9][0-9A-Za-z.+-]{0,63})$' | Select-Object -First 1).Matches.Groups[1].Value
    $file = ($lines | Select-String -Pattern '^FILE=(gov-kiosk-setup-[0-9][0-9A-Za-z.+-]{0,63}\.exe)$' | Select-Object -First 1).Matches.Groups[1].Value
    if (-not $script:version -or -not $file) { Write-Result 'failed' 'request has no valid VERSION or FILE line'; return }
    if (-not $Publisher) { Write-Result 'failed' 'no -Publisher configured: refusing unsigned updates'; return }
    $installer = Join-Path $work $file
    Copy-Item -LiteralPath (Join-Path $StagingDir $file) -Destination $installer
    $signature = Get-AuthenticodeSignature -LiteralPath $installer
    $signer = if ($signature.SignerCertificate) { $signature.SignerCertificate.GetNameInfo('SimpleName', $false) } else { '' }
    if ($signature.Status -ne 'Valid' -or $signer -ne $Publisher) {
      Write-Result 'failed' "installer signature is $($signature.Status), signed by '$signer'"; return
    }
    $productVersion = (Get-Item -LiteralPath $installer).VersionInfo.ProductVersion
    if ($productVersion -ne $script:version) { Write-Result 'failed' "installer version is $productVersion, request says $($script:version)"; return }

    Set-KioskShellAction 3
    try {
      Stop-Process -Name $ProcessName -Force -ErrorAction SilentlyContinue
      $process = Start-Process -FilePath $installer -ArgumentList '/S', '--updated' -Wait -PassThru
      if ($process.ExitCode -eq 0) { Write-Result 'installed' '' } else { Write-Result 'failed' "installer exit code $($process.ExitCode)" }
    } finally {
      Set-KioskShellAction 0
    }
    Remove-Item -Force -LiteralPath (Join-Path $StagingDir $file) -ErrorAction SilentlyContinue
    # A fresh logon starts the (new) shell; the task only acts in the quiet window or on staff request.
    Restart-Computer -Force
  } finally {
    Remove-Item -Recurse -Force -LiteralPath $work -ErrorAction SilentlyContinue
  }
}

switch ($Action) {
  'RestartIfStale' { Restart-IfStale }
  'InstallStagedUpdate' { Install-StagedUpdate }
}
