/*
 * miniport-ready-before-register - CORRECT (no finding).
 * After the registration DriverEntry sets up two things that the
 * initialize handler never touches: the control device (its device object
 * and NDIS handle are written by NdisRegisterDeviceEx and used only by the
 * dispatch routine and the unload handler) and the lock that serializes
 * OID requests (taken only by UsOidRequest).  Both live in the same global
 * block as state UsInitialize does read (the adapter count and its lock,
 * set up before the registration).  A checker that treats every global
 * written after the registration as late would report both.  The device
 * must come after the registration: it needs the miniport driver handle.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
DRIVER_DISPATCH UsDispatch;
MINIPORT_INITIALIZE UsInitialize;
MINIPORT_HALT UsHalt;
MINIPORT_UNLOAD UsUnload;
MINIPORT_OID_REQUEST UsOidRequest;

typedef struct _US_GLOBALS {
    NDIS_HANDLE DriverHandle;
    NDIS_SPIN_LOCK AdapterLock;
    ULONG AdapterCount;
    NDIS_SPIN_LOCK OidLock;
    ULONG OidCount;
    PDEVICE_OBJECT ControlDevice;
    NDIS_HANDLE ControlHandle;
} US_GLOBALS;

US_GLOBALS UsGlobals;

_Use_decl_annotations_
NTSTATUS
UsDispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    NTSTATUS Status = STATUS_SUCCESS;

    if (DeviceObject != UsGlobals.ControlDevice) {
        Status = STATUS_INVALID_DEVICE_REQUEST;
    }
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

/* Registers the control device; the handles stay NULL on failure. */
static NDIS_STATUS
UsRegisterDevice(VOID)
{
    NDIS_DEVICE_OBJECT_ATTRIBUTES Attributes;
    PDRIVER_DISPATCH DispatchTable[IRP_MJ_MAXIMUM_FUNCTION + 1];
    NDIS_STRING DeviceName = NDIS_STRING_CONST("\\Device\\UsSample");
    NDIS_STRING LinkName = NDIS_STRING_CONST("\\DosDevices\\UsSample");

    NdisZeroMemory(DispatchTable, sizeof(DispatchTable));
    DispatchTable[IRP_MJ_CREATE] = UsDispatch;
    DispatchTable[IRP_MJ_CLOSE] = UsDispatch;
    DispatchTable[IRP_MJ_DEVICE_CONTROL] = UsDispatch;

    NdisZeroMemory(&Attributes, sizeof(Attributes));
    Attributes.Header.Type = NDIS_OBJECT_TYPE_DEVICE_OBJECT_ATTRIBUTES;
    Attributes.Header.Revision = NDIS_DEVICE_OBJECT_ATTRIBUTES_REVISION_1;
    Attributes.Header.Size = NDIS_SIZEOF_DEVICE_OBJECT_ATTRIBUTES_REVISION_1;
    Attributes.DeviceName = &DeviceName;
    Attributes.SymbolicName = &LinkName;
    Attributes.MajorFunctions = &DispatchTable[0];

    return NdisRegisterDeviceEx(UsGlobals.DriverHandle, &Attributes,
                                &UsGlobals.ControlDevice, &UsGlobals.ControlHandle);
}

_Use_decl_annotations_
NDIS_STATUS
UsInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    NdisAcquireSpinLock(&UsGlobals.AdapterLock);
    UsGlobals.AdapterCount++;
    NdisReleaseSpinLock(&UsGlobals.AdapterLock);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
NDIS_STATUS
UsOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(OidRequest);

    NdisAcquireSpinLock(&UsGlobals.OidLock);
    UsGlobals.OidCount++;
    NdisReleaseSpinLock(&UsGlobals.OidLock);
    return NDIS_STATUS_NOT_SUPPORTED;
}

_Use_decl_annotations_
VOID
UsHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(HaltAction);

    NdisAcquireSpinLock(&UsGlobals.AdapterLock);
    UsGlobals.AdapterCount--;
    NdisReleaseSpinLock(&UsGlobals.AdapterLock);
}

_Use_decl_annotations_
VOID
UsUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    if (UsGlobals.ControlHandle != NULL) {
        NdisDeregisterDeviceEx(UsGlobals.ControlHandle);
    }
    NdisMDeregisterMiniportDriver(UsGlobals.DriverHandle);
    NdisFreeSpinLock(&UsGlobals.OidLock);
    NdisFreeSpinLock(&UsGlobals.AdapterLock);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;

    NdisAllocateSpinLock(&UsGlobals.AdapterLock);

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    Chars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    Chars.InitializeHandlerEx = UsInitialize;
    Chars.HaltHandlerEx = UsHalt;
    Chars.UnloadHandler = UsUnload;
    Chars.OidRequestHandler = UsOidRequest;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &Chars, &UsGlobals.DriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeSpinLock(&UsGlobals.AdapterLock);
        return Status;
    }

    NdisAllocateSpinLock(&UsGlobals.OidLock);
    UsGlobals.OidCount = 0;

    Status = UsRegisterDevice();
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(UsGlobals.DriverHandle);
        NdisFreeSpinLock(&UsGlobals.OidLock);
        NdisFreeSpinLock(&UsGlobals.AdapterLock);
        return Status;
    }
    return NDIS_STATUS_SUCCESS;
}
