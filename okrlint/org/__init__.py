"""The organisation view over many OKR files: the alignment graph and the cascade tree."""
