"""Encoding devices: NFC readers over nfcpy and ZPL printer-encoders over pyserial."""
