/*
 * api_subset.c - compile check for the bundled WDK-compatible headers.
 *
 * Uses every identifier of SPEC.md's "API subset the bundled headers must
 * cover" (types, role types as prototypes and as characteristics fields,
 * functions called with correctly typed arguments, macros and constants)
 * plus a realistic NDIS intermediate-driver DriverEntry. It must compile
 * with zero diagnostics:
 *
 *   clang -fsyntax-only --target=x86_64-pc-windows-msvc -fms-extensions \
 *     -fms-compatibility -nostdlibinc -isystem analyzer/include \
 *     -Wall -Werror=implicit-function-declaration -Werror=int-conversion \
 *     tests/headers/api_subset.c
 */
#include <ntddk.h>
#include <ntifs.h>
#include <wdm.h>
#include <ntdef.h>
#include <sal.h>
#include <ntstatus.h>
#include <ndis.h>
#include <ntddndis.h>
#include <ntstrsafe.h>
#include <wdmsec.h>
#include <initguid.h>
#include <wdmguid.h>
#include <string.h>
#include <stdlib.h>
#include <wchar.h>
#include <stdarg.h>
#include <pshpack1.h>
typedef struct _PACKED_HEADER {
    UCHAR Kind;
    ULONG Value;
} PACKED_HEADER;
#include <poppack.h>

C_ASSERT(sizeof(PACKED_HEADER) == 5);
C_ASSERT(NDIS_STATUS_SUCCESS == 0);
C_ASSERT(NDIS_INTERMEDIATE_DRIVER == 0x00000001);
C_ASSERT(NDIS_WDM_DRIVER == 0x00000002);
C_ASSERT(NDIS_STATUS_PENDING == 0x00000103);
C_ASSERT((ULONG)NDIS_STATUS_FAILURE == 0xC0000001UL);
C_ASSERT((ULONG)NDIS_STATUS_RESOURCES == 0xC000009AUL);
C_ASSERT((ULONG)STATUS_UNSUCCESSFUL == 0xC0000001UL);
C_ASSERT((ULONG)STATUS_INSUFFICIENT_RESOURCES == 0xC000009AUL);
C_ASSERT(STATUS_SUCCESS == 0);
C_ASSERT(!NT_SUCCESS(NDIS_STATUS_BAD_VERSION));
C_ASSERT(IRP_MJ_MAXIMUM_FUNCTION == 0x1b);
C_ASSERT(NDIS_OBJECT_TYPE_DEFAULT == 0x80);
C_ASSERT(NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS == 0x8A);
C_ASSERT(NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS == 0x95);
C_ASSERT(NDIS_OBJECT_TYPE_FILTER_DRIVER_CHARACTERISTICS == 0x8B);
C_ASSERT(NDIS_OBJECT_TYPE_DEVICE_OBJECT_ATTRIBUTES == 0x85);
C_ASSERT(PASSIVE_LEVEL == 0 && DISPATCH_LEVEL == 2);
C_ASSERT(NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1
         < NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2);
C_ASSERT(NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_1
         < NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2);
C_ASSERT(FIELD_OFFSET(NDIS_MINIPORT_DRIVER_CHARACTERISTICS, Header) == 0);
C_ASSERT(FIELD_OFFSET(NDIS_MINIPORT_DRIVER_CHARACTERISTICS, Flags) == 8);

#define MUX_TAG 'xuMN'

/* ---- Global driver state (every SPEC type appears somewhere below) -------- */
typedef struct _MY_GLOBALS {
    NDIS_HANDLE DriverHandle;
    NDIS_HANDLE ProtocolHandle;
    NDIS_HANDLE FilterDriverHandle;
    NDIS_HANDLE DeviceHandle;
    PDEVICE_OBJECT ControlDevice;
    NDIS_SPIN_LOCK Lock;
    PNDIS_SPIN_LOCK LockPointer;
    PNDIS_RW_LOCK_EX RwLock;
    LOCK_STATE_EX RwLockState;
    LIST_ENTRY AdapterList;
    PLIST_ENTRY Cursor;
    NPAGED_LOOKASIDE_LIST Lookaside;
    NDIS_EVENT Event;
    KSPIN_LOCK RawLock;
    NDIS_STRING Name;
    UNICODE_STRING RegistryCopy;
    PUNICODE_STRING RegistryPath;
    BOOLEAN Registered;
    UCHAR Flags;
    USHORT Count16;
    ULONG Count;
    UINT Length;
    ULONG_PTR Cookie;
    LONG Refs;
    CHAR Letter;
    PCHAR Text;
    PUCHAR Bytes;
    PULONG Counter;
    WCHAR Wide;
    PWCHAR WidePointer;
    PVOID Opaque;
    NTSTATUS LastNtStatus;
    NDIS_STATUS LastStatus;
    PNDIS_HANDLE HandleSlot;
    NDIS_PORT_NUMBER Port;
    NDIS_OBJECT_HEADER Header;
} MY_GLOBALS, *PMY_GLOBALS;

typedef struct _MY_ADAPTER {
    LIST_ENTRY Link;
    NDIS_HANDLE MiniportHandle;
    NDIS_HANDLE BindingHandle;
} MY_ADAPTER, *PMY_ADAPTER;

typedef struct _MY_CONTEXT {
    ULONG Unused;
} MY_CONTEXT;

NDIS_DECLARE_MINIPORT_DRIVER_CONTEXT(MY_CONTEXT);

static MY_GLOBALS Globals;
static NDIS_STRING StaticName = NDIS_STRING_CONST("\\Device\\MuxSample");
static PDRIVER_DISPATCH DispatchTable[IRP_MJ_MAXIMUM_FUNCTION + 1];

/* ---- Role-type prototypes --------------------------------------------------- */
DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD MyDriverUnload;
DRIVER_DISPATCH MyDispatch;
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_HALT MpHalt;
MINIPORT_UNLOAD MpUnload;
SET_OPTIONS MpSetOptionsGeneric;
MINIPORT_SET_OPTIONS MpSetOptions;
PROTOCOL_SET_OPTIONS PtSetOptions;
MINIPORT_PAUSE MpPause;
MINIPORT_RESTART MpRestart;
MINIPORT_OID_REQUEST MpOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS MpSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS MpReturnNetBufferLists;
MINIPORT_CANCEL_SEND MpCancelSend;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY MpDevicePnPEvent;
MINIPORT_SHUTDOWN MpShutdown;
MINIPORT_CANCEL_OID_REQUEST MpCancelOidRequest;
PROTOCOL_BIND_ADAPTER_EX PtBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX PtUnbindAdapter;
PROTOCOL_OPEN_ADAPTER_COMPLETE_EX PtOpenAdapterComplete;
PROTOCOL_CLOSE_ADAPTER_COMPLETE_EX PtCloseAdapterComplete;
PROTOCOL_NET_PNP_EVENT PtPnPHandler;
PROTOCOL_UNINSTALL PtUninstall;
PROTOCOL_OID_REQUEST_COMPLETE PtRequestComplete;
PROTOCOL_STATUS_EX PtStatus;
PROTOCOL_RECEIVE_NET_BUFFER_LISTS PtReceiveNBL;
PROTOCOL_SEND_NET_BUFFER_LISTS_COMPLETE PtSendNBLComplete;
FILTER_ATTACH FltAttach;
FILTER_DETACH FltDetach;
FILTER_RESTART FltRestart;
FILTER_PAUSE FltPause;
FILTER_SET_OPTIONS FltSetOptions;
FILTER_DRIVER_UNLOAD FltUnload;

static NTSTATUS MyRegisterDevice(void);
static VOID MyDeregisterDevice(void);
static NDIS_STATUS MyInitGlobals(void);

#pragma NDIS_INIT_FUNCTION(DriverEntry)
#pragma alloc_text(INIT, DriverEntry)
#pragma alloc_text(PAGE, MyDriverUnload)

/* ---- Miniport handlers --------------------------------------------------------- */
_Use_decl_annotations_
NDIS_STATUS MpInitialize(NDIS_HANDLE NdisMiniportHandle, NDIS_HANDLE MiniportDriverContext,
                         PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    PMY_ADAPTER Adapter;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    Adapter = (PMY_ADAPTER)MiniportInitParameters->IMDeviceInstanceContext;
    if (Adapter == NULL) {
        return NDIS_STATUS_FAILURE;
    }
    Adapter->MiniportHandle = NdisMiniportHandle;
    NdisAcquireSpinLock(&Globals.Lock);
    InsertTailList(&Globals.AdapterList, &Adapter->Link);
    NdisReleaseSpinLock(&Globals.Lock);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID MpHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PMY_ADAPTER Adapter = (PMY_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);
    NdisAcquireSpinLock(&Globals.Lock);
    RemoveEntryList(&Adapter->Link);
    NdisReleaseSpinLock(&Globals.Lock);
}

_Use_decl_annotations_
VOID MpUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    PAGED_CODE();
    MyDeregisterDevice();
    NdisDeregisterProtocolDriver(Globals.ProtocolHandle);
    NdisMDeregisterMiniportDriver(Globals.DriverHandle);
    NdisFreeSpinLock(&Globals.Lock);
}

_Use_decl_annotations_
NDIS_STATUS MpSetOptionsGeneric(NDIS_HANDLE NdisDriverHandle, NDIS_HANDLE DriverContext)
{
    UNREFERENCED_PARAMETER(NdisDriverHandle);
    UNREFERENCED_PARAMETER(DriverContext);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
NDIS_STATUS MpSetOptions(NDIS_HANDLE NdisDriverHandle, NDIS_HANDLE DriverContext)
{
    return MpSetOptionsGeneric(NdisDriverHandle, DriverContext);
}

_Use_decl_annotations_
NDIS_STATUS PtSetOptions(NDIS_HANDLE NdisDriverHandle, NDIS_HANDLE DriverContext)
{
    return MpSetOptionsGeneric(NdisDriverHandle, DriverContext);
}

_Use_decl_annotations_
NDIS_STATUS MpPause(NDIS_HANDLE MiniportAdapterContext,
                    PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    NDIS_MINIPORT_PAUSE_PARAMETERS Copy = *PauseParameters;

    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(Copy);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
NDIS_STATUS MpRestart(NDIS_HANDLE MiniportAdapterContext,
                      PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    NDIS_MINIPORT_RESTART_PARAMETERS Copy = *RestartParameters;

    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(Copy);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
NDIS_STATUS MpOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST NdisRequest)
{
    NDIS_OID_REQUEST *Request = NdisRequest;
    ULONG Filter = 0;

    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    switch (Request->RequestType) {
    case NdisRequestQueryInformation:
        if (Request->DATA.QUERY_INFORMATION.Oid == OID_GEN_CURRENT_PACKET_FILTER &&
            Request->DATA.QUERY_INFORMATION.InformationBufferLength >= sizeof(ULONG)) {
            NdisMoveMemory(Request->DATA.QUERY_INFORMATION.InformationBuffer, &Filter,
                           sizeof(ULONG));
            Request->DATA.QUERY_INFORMATION.BytesWritten = sizeof(ULONG);
            return NDIS_STATUS_SUCCESS;
        }
        break;
    case NdisRequestSetInformation:
        if (Request->DATA.SET_INFORMATION.Oid == OID_802_3_MULTICAST_LIST) {
            Request->DATA.SET_INFORMATION.BytesRead =
                Request->DATA.SET_INFORMATION.InformationBufferLength;
            return NDIS_STATUS_SUCCESS;
        }
        break;
    default:
        break;
    }
    return NDIS_STATUS_NOT_SUPPORTED;
}

_Use_decl_annotations_
VOID MpSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists,
                          NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PMY_ADAPTER Adapter = (PMY_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl;
    ULONG CompleteFlags = 0;

    UNREFERENCED_PARAMETER(PortNumber);
    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        PNET_BUFFER Nb = NET_BUFFER_LIST_FIRST_NB(Nbl);
        NET_BUFFER_LIST_STATUS(Nbl) = (Nb != NULL && NET_BUFFER_DATA_LENGTH(Nb) != 0)
                                          ? NDIS_STATUS_SUCCESS
                                          : NDIS_STATUS_INVALID_LENGTH;
    }
    if (NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags)) {
        NDIS_SET_SEND_COMPLETE_FLAG(CompleteFlags, NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL);
    }
    NdisMSendNetBufferListsComplete(Adapter->MiniportHandle, NetBufferLists, CompleteFlags);
}

_Use_decl_annotations_
VOID MpReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists,
                            ULONG ReturnFlags)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetBufferLists);
    UNREFERENCED_PARAMETER(ReturnFlags);
}

_Use_decl_annotations_
VOID MpCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId);
}

_Use_decl_annotations_
VOID MpDevicePnPEvent(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    NET_DEVICE_PNP_EVENT Event = *NetDevicePnPEvent;

    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(Event);
}

_Use_decl_annotations_
VOID MpShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(ShutdownAction);
}

_Use_decl_annotations_
VOID MpCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

/* ---- Protocol handlers ------------------------------------------------------------ */
_Use_decl_annotations_
NDIS_STATUS PtBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
                          PNDIS_BIND_PARAMETERS BindParameters)
{
    NDIS_BIND_PARAMETERS *Params = BindParameters;
    NDIS_STRING DeviceName;
    NDIS_STATUS Status;

    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    NdisInitUnicodeString(&DeviceName, L"\\Device\\MuxVirtual0");
    Status = NdisIMInitializeDeviceInstanceEx(Globals.DriverHandle, &DeviceName, NULL);
    if (Status != NDIS_STATUS_SUCCESS && Params->MtuSize == 0) {
        (void)NdisIMDeInitializeDeviceInstance(Globals.DriverHandle);
    }
    return Status;
}

_Use_decl_annotations_
NDIS_STATUS PtUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
{
    UNREFERENCED_PARAMETER(UnbindContext);
    UNREFERENCED_PARAMETER(ProtocolBindingContext);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID PtOpenAdapterComplete(NDIS_HANDLE ProtocolBindingContext, NDIS_STATUS Status)
{
    UNREFERENCED_PARAMETER(ProtocolBindingContext);
    UNREFERENCED_PARAMETER(Status);
}

_Use_decl_annotations_
VOID PtCloseAdapterComplete(NDIS_HANDLE ProtocolBindingContext)
{
    UNREFERENCED_PARAMETER(ProtocolBindingContext);
}

_Use_decl_annotations_
NDIS_STATUS PtPnPHandler(NDIS_HANDLE ProtocolBindingContext,
                         PNET_PNP_EVENT_NOTIFICATION NetPnPEventNotification)
{
    UNREFERENCED_PARAMETER(ProtocolBindingContext);
    if (NetPnPEventNotification->NetPnPEvent.NetEvent == NetEventPause) {
        return NDIS_STATUS_SUCCESS;
    }
    return NDIS_STATUS_SUCCESS;
}

VOID PtUninstall(VOID)
{
}

_Use_decl_annotations_
VOID PtRequestComplete(NDIS_HANDLE ProtocolBindingContext, PNDIS_OID_REQUEST OidRequest,
                       NDIS_STATUS Status)
{
    UNREFERENCED_PARAMETER(ProtocolBindingContext);
    UNREFERENCED_PARAMETER(OidRequest);
    UNREFERENCED_PARAMETER(Status);
}

_Use_decl_annotations_
VOID PtStatus(NDIS_HANDLE ProtocolBindingContext, PNDIS_STATUS_INDICATION StatusIndication)
{
    NDIS_STATUS_INDICATION Copy = *StatusIndication;

    UNREFERENCED_PARAMETER(ProtocolBindingContext);
    UNREFERENCED_PARAMETER(Copy);
}

_Use_decl_annotations_
VOID PtReceiveNBL(NDIS_HANDLE ProtocolBindingContext, PNET_BUFFER_LIST NetBufferLists,
                  NDIS_PORT_NUMBER PortNumber, ULONG NumberOfNetBufferLists, ULONG ReceiveFlags)
{
    UNREFERENCED_PARAMETER(ProtocolBindingContext);
    UNREFERENCED_PARAMETER(NetBufferLists);
    UNREFERENCED_PARAMETER(PortNumber);
    UNREFERENCED_PARAMETER(NumberOfNetBufferLists);
    UNREFERENCED_PARAMETER(ReceiveFlags);
}

_Use_decl_annotations_
VOID PtSendNBLComplete(NDIS_HANDLE ProtocolBindingContext, PNET_BUFFER_LIST NetBufferList,
                       ULONG SendCompleteFlags)
{
    UNREFERENCED_PARAMETER(ProtocolBindingContext);
    UNREFERENCED_PARAMETER(NetBufferList);
    UNREFERENCED_PARAMETER(SendCompleteFlags);
}

/* ---- Filter handlers ---------------------------------------------------------------- */
_Use_decl_annotations_
NDIS_STATUS FltAttach(NDIS_HANDLE NdisFilterHandle, NDIS_HANDLE FilterDriverContext,
                      PNDIS_FILTER_ATTACH_PARAMETERS AttachParameters)
{
    UNREFERENCED_PARAMETER(NdisFilterHandle);
    UNREFERENCED_PARAMETER(FilterDriverContext);
    UNREFERENCED_PARAMETER(AttachParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID FltDetach(NDIS_HANDLE FilterModuleContext)
{
    UNREFERENCED_PARAMETER(FilterModuleContext);
}

_Use_decl_annotations_
NDIS_STATUS FltRestart(NDIS_HANDLE FilterModuleContext,
                       PNDIS_FILTER_RESTART_PARAMETERS RestartParameters)
{
    UNREFERENCED_PARAMETER(FilterModuleContext);
    UNREFERENCED_PARAMETER(RestartParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
NDIS_STATUS FltPause(NDIS_HANDLE FilterModuleContext, PNDIS_FILTER_PAUSE_PARAMETERS PauseParameters)
{
    UNREFERENCED_PARAMETER(FilterModuleContext);
    UNREFERENCED_PARAMETER(PauseParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
NDIS_STATUS FltSetOptions(NDIS_HANDLE NdisDriverHandle, NDIS_HANDLE DriverContext)
{
    return MpSetOptionsGeneric(NdisDriverHandle, DriverContext);
}

_Use_decl_annotations_
VOID FltUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisFDeregisterFilterDriver(Globals.FilterDriverHandle);
}

/* A filter registration, exercised separately from the IM driver. */
static NDIS_STATUS MyRegisterFilter(PDRIVER_OBJECT DriverObject)
{
    NDIS_FILTER_DRIVER_CHARACTERISTICS FChars;
    NDIS_STRING FriendlyName = NDIS_STRING_CONST("Sample Filter");

    NdisZeroMemory(&FChars, sizeof(FChars));
    FChars.Header.Type = NDIS_OBJECT_TYPE_FILTER_DRIVER_CHARACTERISTICS;
    FChars.Header.Size = NDIS_SIZEOF_FILTER_DRIVER_CHARACTERISTICS_REVISION_1;
    FChars.Header.Revision = NDIS_FILTER_CHARACTERISTICS_REVISION_1;
    FChars.MajorNdisVersion = NDIS_FILTER_MAJOR_VERSION;
    FChars.MinorNdisVersion = NDIS_FILTER_MINOR_VERSION;
    FChars.FriendlyName = FriendlyName;
    FChars.SetOptionsHandler = FltSetOptions;
    FChars.AttachHandler = FltAttach;
    FChars.DetachHandler = FltDetach;
    FChars.RestartHandler = FltRestart;
    FChars.PauseHandler = FltPause;
    DriverObject->DriverUnload = FltUnload;
    return NdisFRegisterFilterDriver(DriverObject, (NDIS_HANDLE)DriverObject, &FChars,
                                     &Globals.FilterDriverHandle);
}

/* ---- Control device ------------------------------------------------------------------ */
_Use_decl_annotations_
NTSTATUS MyDispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    NTSTATUS Status = STATUS_SUCCESS;
    IRP *Same = Irp;

    UNREFERENCED_PARAMETER(DeviceObject);
    switch (IrpSp->MajorFunction) {
    case IRP_MJ_CREATE:
    case IRP_MJ_CLOSE:
    case IRP_MJ_CLEANUP:
        break;
    case IRP_MJ_DEVICE_CONTROL:
        if (IrpSp->Parameters.DeviceIoControl.InputBufferLength == 0) {
            Status = STATUS_UNSUCCESSFUL;
        }
        break;
    default:
        Status = STATUS_UNSUCCESSFUL;
        break;
    }
    Same->IoStatus.Status = Status;
    Same->IoStatus.Information = 0;
    IoCompleteRequest(Same, IO_NO_INCREMENT);
    return Status;
}

static NTSTATUS MyRegisterDevice(void)
{
    NDIS_DEVICE_OBJECT_ATTRIBUTES Attributes;
    NDIS_STRING SymbolicName = NDIS_STRING_CONST("\\DosDevices\\MuxSample");
    NDIS_STATUS Status;
    UINT i;

    for (i = 0; i <= IRP_MJ_MAXIMUM_FUNCTION; i++) {
        DispatchTable[i] = NULL;
    }
    DispatchTable[IRP_MJ_CREATE] = MyDispatch;
    DispatchTable[IRP_MJ_CLOSE] = MyDispatch;
    DispatchTable[IRP_MJ_CLEANUP] = MyDispatch;
    DispatchTable[IRP_MJ_DEVICE_CONTROL] = MyDispatch;

    NdisZeroMemory(&Attributes, sizeof(NDIS_DEVICE_OBJECT_ATTRIBUTES));
    Attributes.Header.Type = NDIS_OBJECT_TYPE_DEVICE_OBJECT_ATTRIBUTES;
    Attributes.Header.Revision = NDIS_DEVICE_OBJECT_ATTRIBUTES_REVISION_1;
    Attributes.Header.Size = NDIS_SIZEOF_DEVICE_OBJECT_ATTRIBUTES_REVISION_1;
    Attributes.DeviceName = &StaticName;
    Attributes.SymbolicName = &SymbolicName;
    Attributes.MajorFunctions = &DispatchTable[0];
    Attributes.ExtensionSize = 0;
    Attributes.DefaultSDDLString = NULL;
    Attributes.DeviceClassGuid = 0;

    Status = NdisRegisterDeviceEx(Globals.DriverHandle, &Attributes, &Globals.ControlDevice,
                                  &Globals.DeviceHandle);
    return (NTSTATUS)Status;
}

static VOID MyDeregisterDevice(void)
{
    if (Globals.DeviceHandle != NULL) {
        NdisDeregisterDeviceEx(Globals.DeviceHandle);
        Globals.DeviceHandle = NULL;
    }
}

/* ---- Global initialization: locks, lists, lookaside, events, memory ------------------- */
static NDIS_STATUS MyInitGlobals(void)
{
    PVOID Block;
    PMY_ADAPTER First;

    NdisAllocateSpinLock(&Globals.Lock);
    Globals.LockPointer = &Globals.Lock;
    KeInitializeSpinLock(&Globals.RawLock);
    NdisInitializeListHead(&Globals.AdapterList);
    InitializeListHead(&Globals.AdapterList);
    NdisInitializeEvent(&Globals.Event);
    NdisSetEvent(&Globals.Event);
    NdisInitializeNPagedLookasideList(&Globals.Lookaside, NULL, NULL, 0, sizeof(MY_ADAPTER),
                                      MUX_TAG, 0);

    Globals.RwLock = NdisAllocateRWLock(Globals.DriverHandle);
    if (Globals.RwLock == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisAcquireRWLockRead(Globals.RwLock, &Globals.RwLockState, 0);
    NdisReleaseRWLock(Globals.RwLock, &Globals.RwLockState);
    NdisAcquireRWLockWrite(Globals.RwLock, &Globals.RwLockState, NDIS_RWL_AT_DISPATCH_LEVEL);
    NdisReleaseRWLock(Globals.RwLock, &Globals.RwLockState);

    Block = NdisAllocateMemoryWithTagPriority(Globals.DriverHandle, sizeof(MY_ADAPTER), MUX_TAG,
                                              NormalPoolPriority);
    if (Block == NULL) {
        Block = NdisAllocateMemoryWithTagPriority(Globals.DriverHandle, sizeof(MY_ADAPTER),
                                                  MUX_TAG, LowPoolPriority);
    }
    if (Block != NULL) {
        NdisZeroMemory(Block, sizeof(MY_ADAPTER));
        First = (PMY_ADAPTER)Block;
        InsertTailList(&Globals.AdapterList, &First->Link);
        if (!IsListEmpty(&Globals.AdapterList)) {
            Globals.Cursor = RemoveHeadList(&Globals.AdapterList);
            First = CONTAINING_RECORD(Globals.Cursor, MY_ADAPTER, Link);
            (void)RemoveEntryList(&Globals.AdapterList);
            InitializeListHead(&Globals.AdapterList);
        }
        if (NdisEqualMemory(Block, First, sizeof(MY_ADAPTER))) {
            memset(Block, 0, sizeof(MY_ADAPTER));
            memcpy(Block, First, sizeof(MY_ADAPTER));
        }
        NdisFreeMemory(Block, sizeof(MY_ADAPTER), 0);
    }

    Block = NdisAllocateFromNPagedLookasideList(&Globals.Lookaside);
    if (Block != NULL) {
        NdisFreeToNPagedLookasideList(&Globals.Lookaside, Block);
    }
    return NDIS_STATUS_SUCCESS;
}

static VOID MyFreeGlobals(void)
{
    NdisDeleteNPagedLookasideList(&Globals.Lookaside);
    if (Globals.RwLock != NULL) {
        NdisFreeRWLock(Globals.RwLock);
        Globals.RwLock = NULL;
    }
    NdisFreeSpinLock(&Globals.Lock);
}

/* ---- Kernel basics used by drivers beside NDIS --------------------------------------------- */
static VOID MyKernelBasics(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING DeviceName;
    UNICODE_STRING LinkName;
    PDEVICE_OBJECT Device = NULL;
    NTSTATUS Status;
    KIRQL OldIrql;
    KEVENT Event;
    WCHAR Buffer[64];
    CHAR Narrow[32];
    LONG Count = 0;

    RtlInitUnicodeString(&DeviceName, L"\\Device\\Sample");
    RtlInitUnicodeString(&LinkName, L"\\DosDevices\\Sample");
    Status = IoCreateDevice(DriverObject, 0, &DeviceName, FILE_DEVICE_UNKNOWN,
                            FILE_DEVICE_SECURE_OPEN, FALSE, &Device);
    if (NT_SUCCESS(Status)) {
        Status = IoCreateSymbolicLink(&LinkName, &DeviceName);
        if (!NT_SUCCESS(Status)) {
            IoDeleteDevice(Device);
        } else {
            (void)IoDeleteSymbolicLink(&LinkName);
            IoDeleteDevice(Device);
        }
    }
    KeAcquireSpinLock(&Globals.RawLock, &OldIrql);
    KeReleaseSpinLock(&Globals.RawLock, OldIrql);
    KeInitializeEvent(&Event, NotificationEvent, FALSE);
    (void)KeSetEvent(&Event, IO_NO_INCREMENT, FALSE);
    if (KeGetCurrentIrql() == PASSIVE_LEVEL) {
        (void)KeWaitForSingleObject(&Event, Executive, KernelMode, FALSE, NULL);
    }
    InterlockedIncrement(&Count);
    InterlockedDecrement(&Count);
    (void)RtlStringCchCopyW(Buffer, RTL_NUMBER_OF(Buffer), L"name");
    (void)RtlStringCbPrintfA(Narrow, sizeof(Narrow), "%d", (int)Count);
    (void)wcslen(Buffer);
    (void)strlen(Narrow);
    DbgPrint("registry path %wZ\n", RegistryPath);
    Globals.RegistryPath = RegistryPath;
}

/* ---- Unload -------------------------------------------------------------------------------- */
_Use_decl_annotations_
VOID MyDriverUnload(PDRIVER_OBJECT DriverObject)
{
    PAGED_CODE();
    MpUnload(DriverObject);
    MyFreeGlobals();
}

/* ---- DriverEntry of an NDIS 6 intermediate driver -------------------------------------------- */
_Use_decl_annotations_
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;
    PNDIS_MINIPORT_DRIVER_CHARACTERISTICS MCharsPointer = &MChars;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;
    PNDIS_PROTOCOL_DRIVER_CHARACTERISTICS PCharsPointer = &PChars;
    NDIS_STRING Name = NDIS_STRING_CONST("MUXP");
    DRIVER_OBJECT *Driver = DriverObject;
    PDRIVER_DISPATCH Dispatch = MyDispatch;
    MINIPORT_DRIVER_UNLOAD UnloadPointer = MpUnload;

    PAGED_CODE();
    Status = MyInitGlobals();
    if (Status != NDIS_STATUS_SUCCESS) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    NOTHING;

    do {
        NdisZeroMemory(MCharsPointer, sizeof(NDIS_MINIPORT_DRIVER_CHARACTERISTICS));
        MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
        MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1;
        MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1;
        MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
        MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
        MChars.MajorDriverVersion = 1;
        MChars.MinorDriverVersion = 0;
        MChars.Flags = NDIS_INTERMEDIATE_DRIVER;
        MChars.SetOptionsHandler = MpSetOptions;
        MChars.InitializeHandlerEx = MpInitialize;
        MChars.HaltHandlerEx = MpHalt;
        MChars.UnloadHandler = UnloadPointer;
        MChars.PauseHandler = MpPause;
        MChars.RestartHandler = MpRestart;
        MChars.OidRequestHandler = MpOidRequest;
        MChars.SendNetBufferListsHandler = MpSendNetBufferLists;
        MChars.ReturnNetBufferListsHandler = MpReturnNetBufferLists;
        MChars.CancelSendHandler = MpCancelSend;
        MChars.CheckForHangHandlerEx = NULL;
        MChars.ResetHandlerEx = NULL;
        MChars.DevicePnPEventNotifyHandler = MpDevicePnPEvent;
        MChars.ShutdownHandlerEx = MpShutdown;
        MChars.CancelOidRequestHandler = MpCancelOidRequest;
        MChars.DirectOidRequestHandler = NULL;
        MChars.CancelDirectOidRequestHandler = NULL;
        if (MChars.Header.Size == NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2) {
            MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
        }

        Status = NdisMRegisterMiniportDriver(Driver, RegistryPath, NULL, &MChars,
                                             &Globals.DriverHandle);
        if (Status != NDIS_STATUS_SUCCESS) {
            break;
        }

        NdisZeroMemory(PCharsPointer, sizeof(NDIS_PROTOCOL_DRIVER_CHARACTERISTICS));
        PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
        PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_1;
        PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_1;
        if (PChars.Header.Size == NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2) {
            PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
        }
        PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
        PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
        PChars.Name = Name;
        PChars.SetOptionsHandler = PtSetOptions;
        PChars.BindAdapterHandlerEx = PtBindAdapter;
        PChars.UnbindAdapterHandlerEx = PtUnbindAdapter;
        PChars.OpenAdapterCompleteHandlerEx = PtOpenAdapterComplete;
        PChars.CloseAdapterCompleteHandlerEx = PtCloseAdapterComplete;
        PChars.NetPnPEventHandler = PtPnPHandler;
        PChars.UninstallHandler = PtUninstall;
        PChars.OidRequestCompleteHandler = PtRequestComplete;
        PChars.StatusHandlerEx = PtStatus;
        PChars.ReceiveNetBufferListsHandler = PtReceiveNBL;
        PChars.SendNetBufferListsCompleteHandler = PtSendNBLComplete;

        Status = NdisRegisterProtocolDriver(NULL, &PChars, &Globals.ProtocolHandle);
        if (Status != NDIS_STATUS_SUCCESS) {
            NdisMDeregisterMiniportDriver(Globals.DriverHandle);
            break;
        }

        NdisIMAssociateMiniport(Globals.DriverHandle, Globals.ProtocolHandle);

        if (!NT_SUCCESS(MyRegisterDevice())) {
            NdisDeregisterProtocolDriver(Globals.ProtocolHandle);
            NdisMDeregisterMiniportDriver(Globals.DriverHandle);
            Status = NDIS_STATUS_FAILURE;
            break;
        }
        Driver->DriverUnload = MyDriverUnload;
        Driver->MajorFunction[IRP_MJ_DEVICE_CONTROL] = Dispatch;
    } while (FALSE);

    if (Status != NDIS_STATUS_SUCCESS) {
        MyFreeGlobals();
        if (Status == NDIS_STATUS_BAD_VERSION || Status == NDIS_STATUS_PENDING) {
            return STATUS_UNSUCCESSFUL;
        }
        return (NTSTATUS)Status;
    }
    if (Globals.Registered == TRUE) {
        MyKernelBasics(Driver, RegistryPath);
        (void)MyRegisterFilter(Driver);
    }
    return STATUS_SUCCESS;
}

/* ---- Remaining SPEC identifiers: types and signatures pinned by assignment --------------------- */
static VOID MyTypeChecks(IN PIRP Irp, OUT PULONG Result, IN OPTIONAL PVOID Context)
{
    NDIS_HALT_ACTION Halt = NdisHaltDeviceDisabled;
    NDIS_SHUTDOWN_ACTION Shutdown = NdisShutdownPowerOff;
    NDIS_MINIPORT_INIT_PARAMETERS Init;
    NDIS_BIND_PARAMETERS Bind;
    PNDIS_BIND_PARAMETERS BindPointer = &Bind;
    NDIS_OID_REQUEST Request;
    PNDIS_OID_REQUEST RequestPointer = &Request;
    NET_BUFFER_LIST Nbl;
    PNET_BUFFER_LIST NblPointer = &Nbl;
    NET_PNP_EVENT_NOTIFICATION PnP;
    PNET_PNP_EVENT_NOTIFICATION PnPPointer = &PnP;
    NDIS_STATUS_INDICATION Indication;
    PNDIS_STATUS_INDICATION IndicationPointer = &Indication;
    NET_DEVICE_PNP_EVENT DevicePnP;
    PNET_DEVICE_PNP_EVENT DevicePnPPointer = &DevicePnP;
    NDIS_MINIPORT_PAUSE_PARAMETERS Pause;
    PNDIS_MINIPORT_PAUSE_PARAMETERS PausePointer = &Pause;
    NDIS_MINIPORT_RESTART_PARAMETERS Restart;
    PNDIS_MINIPORT_RESTART_PARAMETERS RestartPointer = &Restart;
    PNDIS_MINIPORT_INIT_PARAMETERS InitPointer = &Init;
    DEVICE_OBJECT *Device = Irp->Tail.Overlay.CurrentStackLocation->DeviceObject;
    PDRIVER_OBJECT Driver = Device != NULL ? Device->DriverObject : NULL;
    MINIPORT_INITIALIZE_HANDLER InitHandler = MpInitialize;
    PDRIVER_UNLOAD Unload = MyDriverUnload;
    PDRIVER_INITIALIZE Entry = DriverEntry;
    VOID *Untyped = Context;

    NdisZeroMemory(&Init, sizeof(Init));
    NdisZeroMemory(&Bind, sizeof(Bind));
    NdisZeroMemory(&Request, sizeof(Request));
    NdisZeroMemory(&Nbl, sizeof(Nbl));
    NdisZeroMemory(&PnP, sizeof(PnP));
    NdisZeroMemory(&Indication, sizeof(Indication));
    NdisZeroMemory(&DevicePnP, sizeof(DevicePnP));
    NdisZeroMemory(&Pause, sizeof(Pause));
    NdisZeroMemory(&Restart, sizeof(Restart));
    Init.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    *Result = (ULONG)Halt + (ULONG)Shutdown + (ULONG)BindPointer->MtuSize +
              (ULONG)RequestPointer->RequestType + (ULONG)NblPointer->Flags +
              (ULONG)PnPPointer->Flags + (ULONG)IndicationPointer->Flags +
              (ULONG)DevicePnPPointer->PortNumber + PausePointer->Flags +
              RestartPointer->Flags + InitPointer->Flags;
    if (Driver != NULL && Driver->DriverExtension != NULL && Untyped != NULL &&
        InitHandler != NULL && Unload != NULL && Entry != NULL) {
        *Result += 1;
    }
}

/* Keeps the file-local helpers referenced. */
VOID MyReferenceHelpers(PIRP Irp, PULONG Result)
{
    MyTypeChecks(Irp, Result, NULL);
}
