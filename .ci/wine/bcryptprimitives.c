/* Wine 8 has no ProcessPrng, which Rust's standard library calls on Windows for
 * randomness (HashMap keys, and so nearly every program). This stand-in for
 * bcryptprimitives.dll forwards it to RtlGenRandom (advapi32!SystemFunction036),
 * which Wine has. Built with mingw by .ci/run, used only to run the Windows test
 * binaries under Wine; never shipped. */
#include <windows.h>

typedef BOOLEAN(WINAPI *RtlGenRandomFn)(PVOID, ULONG);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    static RtlGenRandomFn gen;
    if (!gen) {
        HMODULE advapi = LoadLibraryA("advapi32.dll");
        if (!advapi) return FALSE;
        gen = (RtlGenRandomFn)GetProcAddress(advapi, "SystemFunction036");
        if (!gen) return FALSE;
    }
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!gen(data, chunk)) return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
