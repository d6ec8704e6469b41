/*
 * im-intermediate-flag - CORRECT (no finding).
 * The local characteristics are initialized by a struct copy from a const
 * template whose designated initializer sets `.Flags = NDIS_INTERMEDIATE_DRIVER`
 * (and the handlers); DriverEntry then ORs NDIS_WDM_DRIVER in.  The IM bit
 * reaches the call only through the struct copy, which a checker that does
 * not model whole-structure assignment would lose.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE TpInitialize;
MINIPORT_UNLOAD TpUnload;
PROTOCOL_BIND_ADAPTER_EX TpBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX TpUnbindAdapter;

NDIS_HANDLE TpMiniportHandle = NULL;
NDIS_HANDLE TpProtocolHandle = NULL;

static const NDIS_MINIPORT_DRIVER_CHARACTERISTICS TpTemplate = {
    .Header = {
        .Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS,
        .Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2,
        .Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2,
    },
    .MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION,
    .MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION,
    .Flags = NDIS_INTERMEDIATE_DRIVER,
    .InitializeHandlerEx = TpInitialize,
    .UnloadHandler = TpUnload,
};

_Use_decl_annotations_
NDIS_STATUS
TpInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
TpUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeregisterProtocolDriver(TpProtocolHandle);
    NdisMDeregisterMiniportDriver(TpMiniportHandle);
}

_Use_decl_annotations_
NDIS_STATUS
TpBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
TpUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
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
    NDIS_STRING Name = NDIS_STRING_CONST("TemplateOk");

    MChars = TpTemplate;
    MChars.Flags |= NDIS_WDM_DRIVER;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &TpMiniportHandle);
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
    PChars.BindAdapterHandlerEx = TpBindAdapter;
    PChars.UnbindAdapterHandlerEx = TpUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &TpProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(TpMiniportHandle);
        return Status;
    }

    NdisIMAssociateMiniport(TpMiniportHandle, TpProtocolHandle);
    return NDIS_STATUS_SUCCESS;
}
