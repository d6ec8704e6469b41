/*
 * miniport-deregister-on-unload - CORRECT (no finding).
 * No UnloadHandler in the characteristics: the routine is assigned to
 * DriverObject->DriverUnload up front, and DriverEntry also calls it itself
 * on its error path (a common habit).  The routine deregisters only when the
 * handle is non-NULL, which is exactly when registration succeeded, so it is
 * right both on DriverEntry's error path and at unload.  A checker that only
 * knows UnloadHandler would report "no unload handler" at the call.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE DfInitialize;
DRIVER_UNLOAD DfUnload;

NDIS_HANDLE DfMiniportHandle = NULL;
NDIS_SPIN_LOCK DfLock;

_Use_decl_annotations_
NDIS_STATUS
DfInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
DfUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    if (DfMiniportHandle != NULL) {
        NdisMDeregisterMiniportDriver(DfMiniportHandle);
        DfMiniportHandle = NULL;
    }
    NdisFreeSpinLock(&DfLock);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;

    NdisAllocateSpinLock(&DfLock);
    DriverObject->DriverUnload = DfUnload;

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.Flags = NDIS_WDM_DRIVER;
    MChars.InitializeHandlerEx = DfInitialize;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &DfMiniportHandle);
    if (!NT_SUCCESS(Status)) {
        DfUnload(DriverObject);
    }
    return Status;
}
