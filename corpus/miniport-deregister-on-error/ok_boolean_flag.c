/*
 * miniport-deregister-on-error - CORRECT (no finding).
 * A local BOOLEAN `Registered`, set to TRUE only after the registration
 * succeeded, decides the deregistration in the common error exit.  The
 * status test is written `NDIS_STATUS_SUCCESS != Status` (constant first).
 * The handle itself is never tested, and it is a field of a zeroed global
 * block - a checker that wants a NULL test on the handle would flag this.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_UNLOAD MpUnload;

typedef struct _NIC_DRIVER {
    NDIS_HANDLE Handle;
    NDIS_SPIN_LOCK ListLock;
    LIST_ENTRY AdapterList;
} NIC_DRIVER;

NIC_DRIVER NicDriver;

_Use_decl_annotations_
NDIS_STATUS
MpInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
MpUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(NicDriver.Handle);
    NdisFreeSpinLock(&NicDriver.ListLock);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    BOOLEAN Registered = FALSE;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;

    NdisAllocateSpinLock(&NicDriver.ListLock);
    NdisInitializeListHead(&NicDriver.AdapterList);

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.InitializeHandlerEx = MpInitialize;
    MChars.UnloadHandler = MpUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &NicDriver.Handle);
    if (NDIS_STATUS_SUCCESS != Status) {
        goto Error;
    }
    Registered = TRUE;

    if (RegistryPath->MaximumLength < RegistryPath->Length) {
        Status = NDIS_STATUS_INVALID_PARAMETER;
        goto Error;
    }
    return NDIS_STATUS_SUCCESS;

Error:
    if (Registered) {
        NdisMDeregisterMiniportDriver(NicDriver.Handle);
    }
    NdisFreeSpinLock(&NicDriver.ListLock);
    return Status;
}
