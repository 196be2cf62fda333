"""RFID printer-encoders through pyserial."""
