"""The command line: headless subcommands of main.py."""
