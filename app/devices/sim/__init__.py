"""Simulated devices for tests and demo mode: an NTAG21x field over nfcpy's UDP driver and a
ZPL printer-encoder on a pseudo-terminal or a TCP port."""
