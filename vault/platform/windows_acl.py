"""Windows: which accounts a folder's access list lets read it.

The folder's security descriptor is read as SDDL text (GetNamedSecurityInfoW, then
ConvertSecurityDescriptorToStringSecurityDescriptorW) and parsed here in plain
Python, so the parsing is tested on any system. SIDs are compared, never account
names, which Windows translates ("Everyone" is "Jeder" in German).
"""

from __future__ import annotations

import ctypes
import re
from pathlib import Path
from typing import Any

# The system, the Administrators group, the owner and "creator owner" (the creator of
# each new file: you). Administrators can read everything on a computer anyway.
TRUSTED = {"SY", "S-1-5-18", "BA", "S-1-5-32-544", "OW", "S-1-3-4", "CO", "S-1-3-0"}
# SDDL's own names for well-known SIDs that mean "other people".
NAMED = {
    "WD": "Everyone",
    "BU": "Users",
    "AU": "Authenticated Users",
    "IU": "Interactive users",
    "BG": "Guests",
    "AN": "Anonymous logon",
    "NU": "Network logon users",
}
READ_CODES = {"FA", "FR", "GA", "GR", "CC", "WD", "WO"}  # CC is FILE_READ_DATA for files
READ_BITS = 0x1 | 0x40000 | 0x80000 | 0x10000000 | 0x80000000  # read, WRITE_DAC/OWNER, GA, GR
ALLOW_TYPES = {"A", "XA"}
ACE = re.compile(r"\(([^()]*)\)")


def grants_read(rights: str) -> bool:
    if rights.lower().startswith("0x"):
        return bool(int(rights, 16) & READ_BITS)
    codes = {rights[i : i + 2] for i in range(0, len(rights), 2)}
    return bool(codes & READ_CODES)


def other_readers(sddl: str, me: str) -> list[str]:
    """The accounts other than `me` (a SID) that this descriptor lets read, as SDDL names/SIDs.

    ValueError if the text holds no access list to judge by.
    """
    if "D:" not in sddl:
        raise ValueError("no access list in the security descriptor")
    dacl = sddl.partition("D:")[2].split("S:", 1)[0]
    if dacl.startswith("NO_ACCESS_CONTROL"):
        return ["Everyone"]  # no access list at all: everyone may open it
    readers: list[str] = []
    owner = owner_of(sddl)
    if owner is not None and owner != me and owner not in TRUSTED:
        readers.append(NAMED.get(owner, owner))  # an owner may always grant itself access
    for ace in ACE.findall(dacl):
        fields = ace.split(";")
        if len(fields) < 6 or fields[0] not in ALLOW_TYPES or not grants_read(fields[2]):
            continue
        trustee = fields[5]
        if trustee in TRUSTED or trustee == me:
            continue
        name = NAMED.get(trustee, trustee)
        if name not in readers:
            readers.append(name)
    return readers


def owner_of(sddl: str) -> str | None:
    match = re.match(r"O:([A-Z]{2}|S-[0-9-]+)", sddl)
    return match.group(1) if match else None


def available() -> bool:
    return getattr(ctypes, "WinDLL", None) is not None and hasattr(ctypes, "windll")


def folder_sddl(folder: Path) -> str:  # pragma: no cover - Windows only
    """The owner and access list of `folder` as SDDL; OSError if Windows will not say."""
    from ctypes import wintypes

    advapi32: Any = ctypes.WinDLL("advapi32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32: Any = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    advapi32.GetNamedSecurityInfoW.argtypes = [
        wintypes.LPCWSTR, ctypes.c_int, wintypes.DWORD,
        ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p,
        ctypes.POINTER(ctypes.c_void_p),
    ]  # fmt: skip
    advapi32.GetNamedSecurityInfoW.restype = wintypes.DWORD
    convert = advapi32.ConvertSecurityDescriptorToStringSecurityDescriptorW
    convert.argtypes = [
        ctypes.c_void_p, wintypes.DWORD, wintypes.DWORD,
        ctypes.POINTER(wintypes.LPWSTR), ctypes.c_void_p,
    ]  # fmt: skip
    convert.restype = wintypes.BOOL
    kernel32.LocalFree.argtypes = [ctypes.c_void_p]
    owner_and_dacl = 0x1 | 0x4  # OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION
    descriptor = ctypes.c_void_p()
    status = advapi32.GetNamedSecurityInfoW(
        str(folder), 1, owner_and_dacl, None, None, None, None, ctypes.byref(descriptor)
    )  # 1: SE_FILE_OBJECT
    if status != 0:
        raise OSError(status, "GetNamedSecurityInfoW failed")
    text = wintypes.LPWSTR()
    try:
        if not convert(descriptor, 1, owner_and_dacl, ctypes.byref(text), None):
            raise OSError(_last_error(), "ConvertSecurityDescriptor failed")
        return str(text.value)
    finally:
        kernel32.LocalFree(descriptor)
        if text:
            kernel32.LocalFree(ctypes.cast(text, ctypes.c_void_p))


def _last_error() -> int:  # pragma: no cover - Windows only
    return int(ctypes.get_last_error())  # type: ignore[attr-defined]


def current_user_sid() -> str:  # pragma: no cover - Windows only
    """This process's user as a SID string, from its access token."""
    from ctypes import wintypes

    advapi32: Any = ctypes.WinDLL("advapi32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32: Any = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32.GetCurrentProcess.restype = wintypes.HANDLE
    kernel32.CloseHandle.argtypes = [wintypes.HANDLE]
    kernel32.LocalFree.argtypes = [ctypes.c_void_p]
    advapi32.OpenProcessToken.argtypes = [
        wintypes.HANDLE, wintypes.DWORD, ctypes.POINTER(wintypes.HANDLE)
    ]  # fmt: skip
    advapi32.GetTokenInformation.argtypes = [
        wintypes.HANDLE, ctypes.c_int, ctypes.c_void_p, wintypes.DWORD,
        ctypes.POINTER(wintypes.DWORD),
    ]  # fmt: skip
    advapi32.ConvertSidToStringSidW.argtypes = [ctypes.c_void_p, ctypes.POINTER(wintypes.LPWSTR)]
    token = wintypes.HANDLE()
    if not advapi32.OpenProcessToken(kernel32.GetCurrentProcess(), 0x0008, ctypes.byref(token)):
        raise OSError(_last_error(), "OpenProcessToken failed")
    try:
        buffer = ctypes.create_string_buffer(1024)
        size = wintypes.DWORD()
        if not advapi32.GetTokenInformation(token, 1, buffer, 1024, ctypes.byref(size)):
            raise OSError(_last_error(), "GetTokenInformation failed")
        sid = ctypes.c_void_p.from_buffer(buffer).value  # TOKEN_USER starts with the SID pointer
        text = wintypes.LPWSTR()
        if not advapi32.ConvertSidToStringSidW(sid, ctypes.byref(text)):
            raise OSError(_last_error(), "ConvertSidToStringSidW failed")
        try:
            return str(text.value)
        finally:
            kernel32.LocalFree(ctypes.cast(text, ctypes.c_void_p))
    finally:
        kernel32.CloseHandle(token)
