/*
 * miniport-deregister-on-unload - VIOLATION (at the unload handler's name).
 * A NIC miniport whose unload handler bails out early while a device object
 * is still attached to the driver object (a condition the analysis cannot
 * decide, so both branches are feasible).  On that path it returns without
 * NdisMDeregisterMiniportDriver.  A checker that only asks "does the handler
 * call the function somewhere" accepts it.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE ErInitialize;
MINIPORT_UNLOAD ErUnload;

NDIS_HANDLE ErMiniportHandle = NULL;

_Use_decl_annotations_
NDIS_STATUS
ErInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
ErUnload(PDRIVER_OBJECT DriverObject)  // expect: miniport-deregister-on-unload
{
    if (DriverObject->DeviceObject != NULL) {
        /* Control device still open: try again at the next unload. */
        DbgPrint("ErUnload: device still attached\n");
        return;
    }
    NdisMDeregisterMiniportDriver(ErMiniportHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.Flags = NDIS_WDM_DRIVER;
    MChars.InitializeHandlerEx = ErInitialize;
    MChars.UnloadHandler = ErUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &ErMiniportHandle);
    return Status;
}
