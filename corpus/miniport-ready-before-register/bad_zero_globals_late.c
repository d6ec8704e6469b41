/*
 * miniport-ready-before-register - VIOLATION.
 * The lock is allocated before the registration, as it should be, but
 * DriverEntry then "resets the statistics" by zeroing the whole global
 * block after NdisMRegisterMiniportDriver - wiping the lock that
 * ZgInitialize acquires.  Zeroing all of ZgGlobals overlaps the read of
 * ZgGlobals.Lock.  The driver handle lives outside the block, so the
 * unload handler still deregisters the right handle.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE ZgInitialize;
MINIPORT_HALT ZgHalt;
MINIPORT_UNLOAD ZgUnload;

typedef struct _ZG_GLOBALS {
    NDIS_SPIN_LOCK Lock;
    ULONG AdapterCount;
    ULONG64 PacketsSent;
    ULONG64 PacketsReceived;
} ZG_GLOBALS;

NDIS_HANDLE ZgDriverHandle = NULL;
ZG_GLOBALS ZgGlobals;

_Use_decl_annotations_
NDIS_STATUS
ZgInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    NdisAcquireSpinLock(&ZgGlobals.Lock);
    ZgGlobals.AdapterCount++;
    NdisReleaseSpinLock(&ZgGlobals.Lock);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
ZgHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(HaltAction);
}

_Use_decl_annotations_
VOID
ZgUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(ZgDriverHandle);
    NdisFreeSpinLock(&ZgGlobals.Lock);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;

    NdisAllocateSpinLock(&ZgGlobals.Lock);

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    Chars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    Chars.InitializeHandlerEx = ZgInitialize;
    Chars.HaltHandlerEx = ZgHalt;
    Chars.UnloadHandler = ZgUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &Chars, &ZgDriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeSpinLock(&ZgGlobals.Lock);
        return Status;
    }

    NdisZeroMemory(&ZgGlobals, sizeof(ZgGlobals)); // expect: miniport-ready-before-register
    return NDIS_STATUS_SUCCESS;
}
