/*
 * miniport-ready-before-register - VIOLATION.
 * A plain NIC miniport allocates its global adapter-list spin lock only
 * after NdisMRegisterMiniportDriver returned.  NDIS may call
 * SlInitialize as soon as the registration is in place, and SlInitialize
 * acquires that lock: on a fast machine it takes an uninitialized lock.
 * The finding is at the late NdisAllocateSpinLock call.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE SlInitialize;
MINIPORT_HALT SlHalt;
MINIPORT_UNLOAD SlUnload;

NDIS_HANDLE SlDriverHandle = NULL;
NDIS_SPIN_LOCK SlAdapterLock;
ULONG SlAdapterCount;

_Use_decl_annotations_
NDIS_STATUS
SlInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    NdisAcquireSpinLock(&SlAdapterLock);
    SlAdapterCount++;
    NdisReleaseSpinLock(&SlAdapterLock);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
SlHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(HaltAction);
}

_Use_decl_annotations_
VOID
SlUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(SlDriverHandle);
    NdisFreeSpinLock(&SlAdapterLock);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    Chars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    Chars.InitializeHandlerEx = SlInitialize;
    Chars.HaltHandlerEx = SlHalt;
    Chars.UnloadHandler = SlUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &Chars, &SlDriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }

    NdisAllocateSpinLock(&SlAdapterLock); // expect: miniport-ready-before-register
    return NDIS_STATUS_SUCCESS;
}
