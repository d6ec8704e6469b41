/*
 * protocol-deregister-on-unload - CORRECT (no finding).
 * IM driver recording how far DriverEntry got in a global state value; the
 * unload handler switches on it.  Only SW_STATE_RUNNING is possible when
 * DriverEntry succeeds, and that case deregisters both halves; the other
 * cases (and default) do not, but they are unreachable at unload.  A checker
 * that does not follow the state value would report the default path.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE SwInitialize;
MINIPORT_UNLOAD SwUnload;
PROTOCOL_BIND_ADAPTER_EX SwBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX SwUnbindAdapter;

NDIS_HANDLE SwMiniportHandle = NULL;
NDIS_HANDLE SwProtocolHandle = NULL;

#define SW_STATE_NONE     0
#define SW_STATE_MINIPORT 1
#define SW_STATE_RUNNING  2

static ULONG SwState = SW_STATE_NONE;

_Use_decl_annotations_
NDIS_STATUS
SwInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
SwUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    switch (SwState) {
    case SW_STATE_RUNNING:
        NdisDeregisterProtocolDriver(SwProtocolHandle);
        NdisMDeregisterMiniportDriver(SwMiniportHandle);
        break;
    case SW_STATE_MINIPORT:
        NdisMDeregisterMiniportDriver(SwMiniportHandle);
        break;
    default:
        break;
    }
    SwState = SW_STATE_NONE;
}

_Use_decl_annotations_
NDIS_STATUS
SwBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
SwUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
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
    NDIS_STRING Name = NDIS_STRING_CONST("SwitchState");

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.Flags = NDIS_INTERMEDIATE_DRIVER;
    MChars.InitializeHandlerEx = SwInitialize;
    MChars.UnloadHandler = SwUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &SwMiniportHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }
    SwState = SW_STATE_MINIPORT;

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    PChars.Name = Name;
    PChars.BindAdapterHandlerEx = SwBindAdapter;
    PChars.UnbindAdapterHandlerEx = SwUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &SwProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(SwMiniportHandle);
        SwState = SW_STATE_NONE;
        return Status;
    }
    SwState = SW_STATE_RUNNING;

    NdisIMAssociateMiniport(SwMiniportHandle, SwProtocolHandle);
    return NDIS_STATUS_SUCCESS;
}
