"""The cloud resolver service that answers scans."""
