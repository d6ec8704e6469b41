/*
 * deregister-without-register - CORRECT (no finding).
 * IM driver that records its progress two ways: a global BOOLEAN
 * ImMiniportRegistered, and a PROTOCOL bit in a flags field of a global
 * block tested with `&`.  ImTeardown() - shared by DriverEntry's error
 * paths (each registration's own failure included) and by the unload
 * handler - deregisters only what the records say is registered.  The
 * protocol registration is skipped when the driver runs miniport-only.
 */
#include <ndis.h>

#define IM_F_PROTOCOL 0x0004

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_UNLOAD MpUnload;
PROTOCOL_BIND_ADAPTER_EX PtBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX PtUnbindAdapter;

typedef struct _IM_GLOBALS {
    ULONG Flags;
    NDIS_HANDLE Protocol;
} IM_GLOBALS;

static IM_GLOBALS ImGlobals;
static NDIS_HANDLE ImMiniport;
static BOOLEAN ImMiniportRegistered;

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
NDIS_STATUS
PtBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
PtUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
{
    UNREFERENCED_PARAMETER(UnbindContext);
    UNREFERENCED_PARAMETER(ProtocolBindingContext);
    return NDIS_STATUS_SUCCESS;
}

/* Undoes the registrations that the records show. */
static VOID
ImTeardown(VOID)
{
    if (ImGlobals.Flags & IM_F_PROTOCOL) {
        NdisDeregisterProtocolDriver(ImGlobals.Protocol);
        ImGlobals.Flags &= ~IM_F_PROTOCOL;
    }
    if (ImMiniportRegistered) {
        NdisMDeregisterMiniportDriver(ImMiniport);
        ImMiniportRegistered = FALSE;
    }
}

_Use_decl_annotations_
VOID
MpUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    ImTeardown();
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.InitializeHandlerEx = MpInitialize;
    MChars.UnloadHandler = MpUnload;
    MChars.Flags = NDIS_INTERMEDIATE_DRIVER;
    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &ImMiniport);
    if (Status != NDIS_STATUS_SUCCESS) {
        ImTeardown();
        return Status;
    }
    ImMiniportRegistered = TRUE;

    if (RegistryPath->Length < 16) {
        return NDIS_STATUS_SUCCESS;         /* miniport-only configuration */
    }

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    PChars.BindAdapterHandlerEx = PtBindAdapter;
    PChars.UnbindAdapterHandlerEx = PtUnbindAdapter;
    Status = NdisRegisterProtocolDriver(NULL, &PChars, &ImGlobals.Protocol);
    if (Status != NDIS_STATUS_SUCCESS) {
        ImTeardown();
        return Status;
    }
    ImGlobals.Flags |= IM_F_PROTOCOL;
    NdisIMAssociateMiniport(ImMiniport, ImGlobals.Protocol);
    return NDIS_STATUS_SUCCESS;
}
