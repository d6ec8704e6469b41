/*
 * miniport-ready-before-register - VIOLATION.
 * An IM driver registers its miniport half, then its protocol half, and
 * only after both creates the lookaside list that LkInitialize allocates
 * its per-adapter context from.  For an IM driver NDIS calls
 * MiniportInitializeEx once the driver's own NdisIMInitializeDeviceInstanceEx
 * runs - from a bind on another processor while DriverEntry is still
 * going.  The initializing call spans three lines: the finding is at the
 * line where it starts.  The protocol handle written by
 * NdisRegisterProtocolDriver is not a late write (see SPEC.md).
 */
#include <ndis.h>

#define LK_TAG 'kLkL'

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE LkInitialize;
MINIPORT_HALT LkHalt;
MINIPORT_UNLOAD LkUnload;
PROTOCOL_BIND_ADAPTER_EX LkBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX LkUnbindAdapter;

typedef struct _LK_CONTEXT {
    NDIS_HANDLE AdapterHandle;
    ULONG Flags;
} LK_CONTEXT, *PLK_CONTEXT;

typedef struct _LK_GLOBALS {
    NDIS_HANDLE MiniportHandle;
    NDIS_HANDLE ProtocolHandle;
    NPAGED_LOOKASIDE_LIST ContextPool;
} LK_GLOBALS;

LK_GLOBALS LkGlobals;

_Use_decl_annotations_
NDIS_STATUS
LkInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    PLK_CONTEXT Context;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    Context = NdisAllocateFromNPagedLookasideList(&LkGlobals.ContextPool);
    if (Context == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    Context->AdapterHandle = MiniportAdapterHandle;
    Context->Flags = 0;
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
LkHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    UNREFERENCED_PARAMETER(HaltAction);
    NdisFreeToNPagedLookasideList(&LkGlobals.ContextPool, MiniportAdapterContext);
}

_Use_decl_annotations_
VOID
LkUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeregisterProtocolDriver(LkGlobals.ProtocolHandle);
    NdisMDeregisterMiniportDriver(LkGlobals.MiniportHandle);
    NdisDeleteNPagedLookasideList(&LkGlobals.ContextPool);
}

_Use_decl_annotations_
NDIS_STATUS
LkBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
LkUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
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
    NDIS_STRING Name = NDIS_STRING_CONST("LookasideIm");

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.Flags = NDIS_INTERMEDIATE_DRIVER;
    MChars.InitializeHandlerEx = LkInitialize;
    MChars.HaltHandlerEx = LkHalt;
    MChars.UnloadHandler = LkUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &LkGlobals.MiniportHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    PChars.Name = Name;
    PChars.BindAdapterHandlerEx = LkBindAdapter;
    PChars.UnbindAdapterHandlerEx = LkUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &LkGlobals.ProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(LkGlobals.MiniportHandle);
        return Status;
    }

    NdisInitializeNPagedLookasideList(&LkGlobals.ContextPool, NULL, NULL, 0, // expect: miniport-ready-before-register
                                      sizeof(LK_CONTEXT), LK_TAG,
                                      0);

    NdisIMAssociateMiniport(LkGlobals.MiniportHandle, LkGlobals.ProtocolHandle);
    return NDIS_STATUS_SUCCESS;
}
