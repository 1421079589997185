"""The key header: Argon2id, the wrapped data key, the recovery key, passphrase strength."""
