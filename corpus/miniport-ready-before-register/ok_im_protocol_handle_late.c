/*
 * miniport-ready-before-register - CORRECT (no finding).
 * An IM driver whose PhInitialize reads the protocol handle (it refuses to
 * start a virtual miniport when the protocol edge is not registered).  The
 * handle is written by NdisRegisterProtocolDriver after the miniport
 * registration, as the IM rules require.  That is not a late write: NDIS
 * calls an IM driver's MiniportInitializeEx only after the driver's own
 * NdisIMInitializeDeviceInstanceEx, which it issues from a protocol bind,
 * so the protocol half is registered by then.  Everything else the handler
 * reads (the lock, the instance count) is set up before the registrations.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE PhInitialize;
MINIPORT_HALT PhHalt;
MINIPORT_UNLOAD PhUnload;
PROTOCOL_BIND_ADAPTER_EX PhBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX PhUnbindAdapter;

typedef struct _PH_GLOBALS {
    NDIS_HANDLE MiniportHandle;
    NDIS_HANDLE ProtocolHandle;
    NDIS_SPIN_LOCK Lock;
    ULONG InstanceCount;
} PH_GLOBALS;

PH_GLOBALS PhGlobals;

_Use_decl_annotations_
NDIS_STATUS
PhInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    if (PhGlobals.ProtocolHandle == NULL) {
        return NDIS_STATUS_FAILURE;
    }
    NdisAcquireSpinLock(&PhGlobals.Lock);
    PhGlobals.InstanceCount++;
    NdisReleaseSpinLock(&PhGlobals.Lock);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
PhHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(HaltAction);

    NdisAcquireSpinLock(&PhGlobals.Lock);
    PhGlobals.InstanceCount--;
    NdisReleaseSpinLock(&PhGlobals.Lock);
}

_Use_decl_annotations_
VOID
PhUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeregisterProtocolDriver(PhGlobals.ProtocolHandle);
    NdisMDeregisterMiniportDriver(PhGlobals.MiniportHandle);
    NdisFreeSpinLock(&PhGlobals.Lock);
}

_Use_decl_annotations_
NDIS_STATUS
PhBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
PhUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
{
    UNREFERENCED_PARAMETER(UnbindContext);
    UNREFERENCED_PARAMETER(ProtocolBindingContext);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;
    NDIS_STRING Name = NDIS_STRING_CONST("ProtoHandleIm");

    NdisAllocateSpinLock(&PhGlobals.Lock);
    PhGlobals.InstanceCount = 0;

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.Flags = NDIS_INTERMEDIATE_DRIVER;
    MChars.InitializeHandlerEx = PhInitialize;
    MChars.HaltHandlerEx = PhHalt;
    MChars.UnloadHandler = PhUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &PhGlobals.MiniportHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeSpinLock(&PhGlobals.Lock);
        return Status;
    }

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    PChars.Name = Name;
    PChars.BindAdapterHandlerEx = PhBindAdapter;
    PChars.UnbindAdapterHandlerEx = PhUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &PhGlobals.ProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(PhGlobals.MiniportHandle);
        NdisFreeSpinLock(&PhGlobals.Lock);
        return Status;
    }

    NdisIMAssociateMiniport(PhGlobals.MiniportHandle, PhGlobals.ProtocolHandle);
    return NDIS_STATUS_SUCCESS;
}
