"""Risk flags and the guided limits-of-confidentiality prompt (issue 8)."""
