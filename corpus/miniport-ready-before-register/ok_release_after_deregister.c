/*
 * miniport-ready-before-register - CORRECT (no finding).
 * When the control device cannot be created, DriverEntry's error exit
 * deregisters the miniport first and only then releases and clears the
 * state that RdInitialize uses: NdisFreeSpinLock, NdisDeleteNPagedLookasideList
 * and a NdisZeroMemory of the whole block.  Releasing calls never count as
 * initializations, and nothing after the deregistration is "late": NDIS no
 * longer calls MiniportInitializeEx.  A checker that flags every call on
 * the lock after the registration call, or ignores the deregistration,
 * would report these lines.
 */
#include <ndis.h>

#define RD_TAG 'dRdR'

DRIVER_INITIALIZE DriverEntry;
DRIVER_DISPATCH RdDispatch;
MINIPORT_INITIALIZE RdInitialize;
MINIPORT_HALT RdHalt;
MINIPORT_UNLOAD RdUnload;

typedef struct _RD_CONTEXT {
    NDIS_HANDLE AdapterHandle;
} RD_CONTEXT, *PRD_CONTEXT;

typedef struct _RD_GLOBALS {
    NDIS_SPIN_LOCK Lock;
    NPAGED_LOOKASIDE_LIST ContextPool;
    ULONG AdapterCount;
} RD_GLOBALS;

NDIS_HANDLE RdDriverHandle = NULL;
NDIS_HANDLE RdDeviceHandle = NULL;
PDEVICE_OBJECT RdDeviceObject = NULL;
RD_GLOBALS RdGlobals;

_Use_decl_annotations_
NTSTATUS
RdDispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    Irp->IoStatus.Status = STATUS_SUCCESS;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

_Use_decl_annotations_
NDIS_STATUS
RdInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    PRD_CONTEXT Context;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    Context = NdisAllocateFromNPagedLookasideList(&RdGlobals.ContextPool);
    if (Context == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    Context->AdapterHandle = MiniportAdapterHandle;
    NdisAcquireSpinLock(&RdGlobals.Lock);
    RdGlobals.AdapterCount++;
    NdisReleaseSpinLock(&RdGlobals.Lock);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
RdHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    UNREFERENCED_PARAMETER(HaltAction);
    NdisAcquireSpinLock(&RdGlobals.Lock);
    RdGlobals.AdapterCount--;
    NdisReleaseSpinLock(&RdGlobals.Lock);
    NdisFreeToNPagedLookasideList(&RdGlobals.ContextPool, MiniportAdapterContext);
}

_Use_decl_annotations_
VOID
RdUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeregisterDeviceEx(RdDeviceHandle);
    NdisMDeregisterMiniportDriver(RdDriverHandle);
    NdisDeleteNPagedLookasideList(&RdGlobals.ContextPool);
    NdisFreeSpinLock(&RdGlobals.Lock);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;
    NDIS_DEVICE_OBJECT_ATTRIBUTES Attributes;
    PDRIVER_DISPATCH DispatchTable[IRP_MJ_MAXIMUM_FUNCTION + 1];
    NDIS_STRING DeviceName = NDIS_STRING_CONST("\\Device\\RdSample");
    NDIS_STRING LinkName = NDIS_STRING_CONST("\\DosDevices\\RdSample");

    NdisAllocateSpinLock(&RdGlobals.Lock);
    NdisInitializeNPagedLookasideList(&RdGlobals.ContextPool, NULL, NULL, 0,
                                      sizeof(RD_CONTEXT), RD_TAG, 0);

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    Chars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    Chars.InitializeHandlerEx = RdInitialize;
    Chars.HaltHandlerEx = RdHalt;
    Chars.UnloadHandler = RdUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &Chars, &RdDriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto FreeGlobals;
    }

    NdisZeroMemory(DispatchTable, sizeof(DispatchTable));
    DispatchTable[IRP_MJ_CREATE] = RdDispatch;
    DispatchTable[IRP_MJ_CLOSE] = RdDispatch;

    NdisZeroMemory(&Attributes, sizeof(Attributes));
    Attributes.Header.Type = NDIS_OBJECT_TYPE_DEVICE_OBJECT_ATTRIBUTES;
    Attributes.Header.Revision = NDIS_DEVICE_OBJECT_ATTRIBUTES_REVISION_1;
    Attributes.Header.Size = NDIS_SIZEOF_DEVICE_OBJECT_ATTRIBUTES_REVISION_1;
    Attributes.DeviceName = &DeviceName;
    Attributes.SymbolicName = &LinkName;
    Attributes.MajorFunctions = &DispatchTable[0];

    Status = NdisRegisterDeviceEx(RdDriverHandle, &Attributes,
                                  &RdDeviceObject, &RdDeviceHandle);
    if (Status == NDIS_STATUS_SUCCESS) {
        return NDIS_STATUS_SUCCESS;
    }

    NdisMDeregisterMiniportDriver(RdDriverHandle);
FreeGlobals:
    NdisDeleteNPagedLookasideList(&RdGlobals.ContextPool);
    NdisFreeSpinLock(&RdGlobals.Lock);
    NdisZeroMemory(&RdGlobals, sizeof(RdGlobals));
    return Status;
}
