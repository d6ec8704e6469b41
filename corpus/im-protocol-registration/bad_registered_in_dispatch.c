/*
 * im-protocol-registration - VIOLATION.
 * IM driver (Flags = NDIS_INTERMEDIATE_DRIVER) that registers its protocol
 * half lazily, when user mode first opens the control device.  DriverEntry
 * only *stores* ImDeviceCreate in the dispatch table handed to
 * NdisRegisterDeviceEx; storing a function is not calling it, so DriverEntry
 * never calls NdisRegisterProtocolDriver.  The unload handler's guarded
 * protocol deregistration is fine: the protocol handle is still NULL in every
 * state in which DriverEntry succeeded.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_UNLOAD MpUnload;
DRIVER_DISPATCH ImDeviceCreate;
DRIVER_DISPATCH ImDeviceClose;

static NDIS_HANDLE g_MiniportHandle;
static NDIS_HANDLE g_ProtocolHandle;
static NDIS_HANDLE g_DeviceHandle;
static PDEVICE_OBJECT g_DeviceObject;

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
    NdisDeregisterDeviceEx(g_DeviceHandle);
    if (g_ProtocolHandle != NULL) {
        NdisDeregisterProtocolDriver(g_ProtocolHandle);
    }
    NdisMDeregisterMiniportDriver(g_MiniportHandle);
}

/* First open of the control device: registers the protocol half. */
_Use_decl_annotations_
NTSTATUS
ImDeviceCreate(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;

    UNREFERENCED_PARAMETER(DeviceObject);
    if (g_ProtocolHandle == NULL) {
        NdisZeroMemory(&PChars, sizeof(PChars));
        PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
        PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
        PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
        PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
        PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
        Status = NdisRegisterProtocolDriver(NULL, &PChars, &g_ProtocolHandle);
    }
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

_Use_decl_annotations_
NTSTATUS
ImDeviceClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    Irp->IoStatus.Status = STATUS_SUCCESS;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)  // expect: im-protocol-registration
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;
    NDIS_DEVICE_OBJECT_ATTRIBUTES DevAttrs;
    PDRIVER_DISPATCH DispatchTable[IRP_MJ_MAXIMUM_FUNCTION + 1];
    NDIS_STRING DeviceName = NDIS_STRING_CONST("\\Device\\ImLazy");
    NDIS_STRING LinkName = NDIS_STRING_CONST("\\DosDevices\\ImLazy");

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.Flags = NDIS_INTERMEDIATE_DRIVER;
    MChars.InitializeHandlerEx = MpInitialize;
    MChars.UnloadHandler = MpUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &g_MiniportHandle);
    if (!NT_SUCCESS(Status)) {
        return Status;
    }

    NdisZeroMemory(DispatchTable, sizeof(DispatchTable));
    DispatchTable[IRP_MJ_CREATE] = ImDeviceCreate;
    DispatchTable[IRP_MJ_CLOSE] = ImDeviceClose;

    NdisZeroMemory(&DevAttrs, sizeof(DevAttrs));
    DevAttrs.Header.Type = NDIS_OBJECT_TYPE_DEVICE_OBJECT_ATTRIBUTES;
    DevAttrs.Header.Revision = NDIS_DEVICE_OBJECT_ATTRIBUTES_REVISION_1;
    DevAttrs.Header.Size = NDIS_SIZEOF_DEVICE_OBJECT_ATTRIBUTES_REVISION_1;
    DevAttrs.DeviceName = &DeviceName;
    DevAttrs.SymbolicName = &LinkName;
    DevAttrs.MajorFunctions = DispatchTable;

    Status = NdisRegisterDeviceEx(g_MiniportHandle, &DevAttrs,
                                  &g_DeviceObject, &g_DeviceHandle);
    if (!NT_SUCCESS(Status)) {
        NdisMDeregisterMiniportDriver(g_MiniportHandle);
        return Status;
    }
    return STATUS_SUCCESS;
}
