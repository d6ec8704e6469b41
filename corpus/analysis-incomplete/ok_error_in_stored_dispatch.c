/*
 * analysis-incomplete - CORRECT (no finding).
 * DriverEntry registers a control device whose dispatch table holds
 * DdDeviceControl.  That routine has an error (a member IRP does not have),
 * but DriverEntry only stores it in the table; NDIS/the I/O manager call it
 * later.  No function the rules depend on calls it, so no warning.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE DdInitialize;
MINIPORT_HALT DdHalt;
MINIPORT_UNLOAD DdUnload;
MINIPORT_SEND_NET_BUFFER_LISTS DdSendNetBufferLists;
DRIVER_DISPATCH DdDeviceControl;

static NDIS_HANDLE DdMiniportHandle;
static NDIS_HANDLE DdProtocolHandle;
static NDIS_HANDLE DdDeviceHandle;
static PDEVICE_OBJECT DdDeviceObject;

_Use_decl_annotations_
NDIS_STATUS
DdInitialize(
    NDIS_HANDLE MiniportAdapterHandle,
    NDIS_HANDLE MiniportDriverContext,
    PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters
    )
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
DdHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(HaltAction);
}

_Use_decl_annotations_
VOID
DdSendNetBufferLists(
    NDIS_HANDLE MiniportAdapterContext,
    PNET_BUFFER_LIST NetBufferLists,
    NDIS_PORT_NUMBER PortNumber,
    ULONG SendFlags
    )
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetBufferLists);
    UNREFERENCED_PARAMETER(PortNumber);
    UNREFERENCED_PARAMETER(SendFlags);
}

_Use_decl_annotations_
VOID
DdUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeregisterDeviceEx(DdDeviceHandle);
    NdisDeregisterProtocolDriver(DdProtocolHandle);
    NdisMDeregisterMiniportDriver(DdMiniportHandle);
}

/* Reached only through the dispatch table. */
_Use_decl_annotations_
NTSTATUS
DdDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    Irp->IoStatus.Status = STATUS_SUCCESS;
    Irp->IoStatus.Bytes = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;
    NDIS_DEVICE_OBJECT_ATTRIBUTES DevAttrs;
    PDRIVER_DISPATCH DispatchTable[IRP_MJ_MAXIMUM_FUNCTION + 1];
    NDIS_STRING DeviceName = NDIS_STRING_CONST("\\Device\\DdSample");

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.Flags = NDIS_INTERMEDIATE_DRIVER;
    MChars.InitializeHandlerEx = DdInitialize;
    MChars.HaltHandlerEx = DdHalt;
    MChars.UnloadHandler = DdUnload;
    MChars.SendNetBufferListsHandler = DdSendNetBufferLists;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &DdMiniportHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &DdProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(DdMiniportHandle);
        return Status;
    }

    NdisZeroMemory(DispatchTable, sizeof(DispatchTable));
    DispatchTable[IRP_MJ_DEVICE_CONTROL] = DdDeviceControl;
    NdisZeroMemory(&DevAttrs, sizeof(DevAttrs));
    DevAttrs.Header.Type = NDIS_OBJECT_TYPE_DEVICE_OBJECT_ATTRIBUTES;
    DevAttrs.Header.Revision = NDIS_DEVICE_OBJECT_ATTRIBUTES_REVISION_1;
    DevAttrs.Header.Size = NDIS_SIZEOF_DEVICE_OBJECT_ATTRIBUTES_REVISION_1;
    DevAttrs.DeviceName = &DeviceName;
    DevAttrs.MajorFunctions = DispatchTable;
    Status = NdisRegisterDeviceEx(DdMiniportHandle, &DevAttrs, &DdDeviceObject, &DdDeviceHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisDeregisterProtocolDriver(DdProtocolHandle);
        NdisMDeregisterMiniportDriver(DdMiniportHandle);
        return Status;
    }

    NdisIMAssociateMiniport(DdMiniportHandle, DdProtocolHandle);
    return NDIS_STATUS_SUCCESS;
}
