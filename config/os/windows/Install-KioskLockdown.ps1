#Requires -RunAsAdministrator
<#
.SYNOPSIS
  Locks a Windows 10/11 Enterprise, Education or IoT Enterprise terminal down for gov-kiosk,
  once, after the per-machine install (gov-kiosk-setup-<version>.exe /S).

.DESCRIPTION
  - Shell Launcher v2: the kiosk account's shell is gov-kiosk.exe instead of Explorer, and it is
    restarted whenever it exits (Shell Launcher's "restart shell" action). Other accounts keep
    Explorer, so administrators still log in normally.
  - Optionally the Keyboard Filter (Ctrl+Alt+Del, Win key and other system keys blocked).
  - The staging directory the app (a standard user) stages updates into, and two scheduled
    tasks running as SYSTEM: the staged-update installer (every 5 minutes; verifies the
    installer's Authenticode signature against -Publisher) and the nightly restart backstop.
  Automatic logon of the kiosk account is set separately with Sysinternals Autologon (it keeps
  the password as an LSA secret, not in the registry in clear): see README.md.

.EXAMPLE
  .\Install-KioskLockdown.ps1 -Publisher 'Example Province Government Service Center' -EnableKeyboardFilter
#>
[CmdletBinding()]
param(
  [string]$KioskUser = 'gov-kiosk',
  [string]$AppPath = (Join-Path $env:ProgramFiles 'gov-kiosk\gov-kiosk.exe'),
  # Subject CN of the code-signing certificate; update installers signed by anyone else are refused.
  [Parameter(Mandatory = $true)][string]$Publisher,
  # Near the end of the quiet window (config quietWindow, default 03:00-04:00).
  [string]$RestartAt = '03:50',
  [int]$MaxUptimeHours = 26,
  [switch]$EnableKeyboardFilter
)
$ErrorActionPreference = 'Stop'

if (-not (Test-Path $AppPath)) { throw "gov-kiosk is not installed at ${AppPath}: run the installer first" }
$maintenance = Join-Path (Split-Path $AppPath) 'resources\os\windows\Invoke-KioskMaintenance.ps1'
if (-not (Test-Path $maintenance)) { throw "missing $maintenance (it ships with the app)" }

# 1. Features (a reboot may be needed before Shell Launcher's WMI classes exist).
Enable-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher -All -NoRestart | Out-Null
if ($EnableKeyboardFilter) {
  Enable-WindowsOptionalFeature -Online -FeatureName Client-KeyboardFilter -All -NoRestart | Out-Null
}

# 2. The kiosk account: a standard local user.
if (-not (Get-LocalUser -Name $KioskUser -ErrorAction SilentlyContinue)) {
  $password = Read-Host -AsSecureString "Password for the new local account $KioskUser (also give it to Autologon)"
  New-LocalUser -Name $KioskUser -Password $password -PasswordNeverExpires -UserMayNotChangePassword `
    -Description 'gov-kiosk self-service terminal' | Out-Null
  Add-LocalGroupMember -Group 'Users' -Member $KioskUser
}
$sid = (New-Object System.Security.Principal.NTAccount($KioskUser)).Translate([System.Security.Principal.SecurityIdentifier]).Value

# 3. Shell Launcher: gov-kiosk.exe is this account's shell; 0 = restart the shell when it exits.
$namespace = 'root\standardcimv2\embedded'
$shellLauncher = [wmiclass]"\\localhost\${namespace}:WESL_UserSetting"
$shellLauncher.SetDefaultShell('explorer.exe', 0) | Out-Null
if (Get-WmiObject -Namespace $namespace -Class WESL_UserSetting | Where-Object { $_.Sid -eq $sid }) {
  $shellLauncher.RemoveCustomShell($sid) | Out-Null
}
$shellLauncher.SetCustomShell($sid, "`"$AppPath`"", ($null), ($null), 0) | Out-Null
$shellLauncher.SetEnabled($true) | Out-Null

# 4. The update staging directory: the kiosk account writes, SYSTEM installs.
$staging = Join-Path $env:ProgramData 'gov-kiosk\updates'
New-Item -ItemType Directory -Force -Path $staging | Out-Null
$acl = New-Object System.Security.AccessControl.DirectorySecurity
$acl.SetAccessRuleProtection($true, $false)
foreach ($rule in @(
    @('SYSTEM', 'FullControl'), @('Administrators', 'FullControl'), @($KioskUser, 'Modify'))) {
  $acl.AddAccessRule((New-Object System.Security.AccessControl.FileSystemAccessRule(
        $rule[0], $rule[1], 'ContainerInherit,ObjectInherit', 'None', 'Allow')))
}
Set-Acl -Path $staging -AclObject $acl
[Environment]::SetEnvironmentVariable('KIOSK_UPDATE_STAGING_DIR', $staging, 'Machine')

# 5. Scheduled tasks, as SYSTEM.
$principal = New-ScheduledTaskPrincipal -UserId 'SYSTEM' -LogonType ServiceAccount -RunLevel Highest
$powershell = Join-Path $PSHOME 'powershell.exe'
$settings = New-ScheduledTaskSettingsSet -ExecutionTimeLimit (New-TimeSpan -Minutes 30) -StartWhenAvailable
Register-ScheduledTask -TaskName 'gov-kiosk staged update' -Force -Principal $principal -Settings $settings `
  -Action (New-ScheduledTaskAction -Execute $powershell -Argument "-NoProfile -ExecutionPolicy Bypass -File `"$maintenance`" -Action InstallStagedUpdate -Publisher `"$Publisher`" -KioskUser `"$KioskUser`"") `
  -Trigger (New-ScheduledTaskTrigger -Once -At (Get-Date) -RepetitionInterval (New-TimeSpan -Minutes 5)) | Out-Null
Register-ScheduledTask -TaskName 'gov-kiosk nightly restart backstop' -Force -Principal $principal -Settings $settings `
  -Action (New-ScheduledTaskAction -Execute $powershell -Argument "-NoProfile -ExecutionPolicy Bypass -File `"$maintenance`" -Action RestartIfStale -MaxUptimeHours $MaxUptimeHours") `
  -Trigger (New-ScheduledTaskTrigger -Daily -At $RestartAt) | Out-Null

Write-Host "gov-kiosk lockdown installed for $KioskUser. Next: Autologon.exe $KioskUser $env:COMPUTERNAME <password>, put the terminal config in place, reboot."
