"""The `quietroom` command: its commands, the prompts for secrets, the demo, the launcher."""
