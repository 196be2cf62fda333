; Inno Setup script for the one-folder Windows build of Mint Station.
; Build on Windows with `pyinstaller installer/mintstation.spec` first, then compile this file
; with Inno Setup 6 (ISCC.exe installer\windows\mintstation.iss). The result is
; dist\MintStation-Setup-<version>.exe with a Start menu entry and an uninstaller.
;
; NFC readers on Windows: nfcpy talks to USB readers through libusb, so each reader needs the
; WinUSB driver instead of the vendor's driver. Install it once per reader with Zadig
; (https://zadig.akeo.ie: Options > List All Devices, pick the reader, WinUSB, Replace Driver).
; The libusb-1.0.dll shipped in the build must match the build's bitness (64-bit).

#define AppName "Mint Station"
#define AppVersion "0.1.0"
#define AppExe "mintstation.exe"

[Setup]
AppId={{5B0C3A52-6F6B-4E1D-9A3B-2E8C7D3F1A11}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Mint Station
DefaultDirName={autopf}\MintStation
DefaultGroupName={#AppName}
OutputDir=..\..\dist
OutputBaseFilename=MintStation-Setup-{#AppVersion}
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
SetupIconFile=..\..\resources\icons\mintstation.ico
UninstallDisplayIcon={app}\{#AppExe}
InfoAfterFile=winusb-note.txt

[Files]
Source: "..\..\dist\mintstation\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\Uninstall {#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop icon"; Flags: unchecked

[Run]
Filename: "{app}\{#AppExe}"; Description: "Start {#AppName}"; Flags: nowait postinstall skipifsilent
