/*
 * miniport-ready-before-register - VIOLATION (cross-file run: driver.c,
 * miniport.c, mf.h).
 * DriverEntry allocates the lock before the registration but initializes
 * the adapter list head after it, in a helper of this file.  The read is
 * in another file (miniport.c: MfInitialize -> MfAddAdapter).  The finding
 * is at the InitializeListHead call inside MfSetupLists.  DebugLevel, also
 * set late, is never read by the initialize handler.
 */
#include "mf.h"

MF_GLOBALS MfGlobals;

/* Sets up the driver-wide lists. */
static VOID
MfSetupLists(VOID)
{
    InitializeListHead(&MfGlobals.AdapterList); // expect: miniport-ready-before-register
    MfGlobals.DebugLevel = 1;
}

_Use_decl_annotations_
VOID
MfUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(MfGlobals.DriverHandle);
    NdisFreeSpinLock(&MfGlobals.Lock);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;

    NdisAllocateSpinLock(&MfGlobals.Lock);

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    Chars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    Chars.InitializeHandlerEx = MfInitialize;
    Chars.HaltHandlerEx = MfHalt;
    Chars.UnloadHandler = MfUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &Chars, &MfGlobals.DriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeSpinLock(&MfGlobals.Lock);
        return Status;
    }

    MfSetupLists();
    return NDIS_STATUS_SUCCESS;
}
