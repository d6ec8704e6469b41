/*
 * im-intermediate-flag - VIOLATION (one finding, at the registration call).
 * The driver sets NDIS_INTERMEDIATE_DRIVER in its local characteristics and
 * then copies a shared, statically initialized template over the whole
 * structure to pick up the handlers.  The template (shared with the driver's
 * NIC flavour) carries only NDIS_WDM_DRIVER, so the struct copy wipes the IM
 * bit.  A checker that remembers the earlier `Flags =` store misses it.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE TcInitialize;
MINIPORT_UNLOAD TcUnload;
PROTOCOL_BIND_ADAPTER_EX TcBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX TcUnbindAdapter;

NDIS_HANDLE TcMiniportHandle = NULL;
NDIS_HANDLE TcProtocolHandle = NULL;

static const NDIS_MINIPORT_DRIVER_CHARACTERISTICS TcTemplate = {
    .Header = {
        .Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS,
        .Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2,
        .Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2,
    },
    .MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION,
    .MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION,
    .Flags = NDIS_WDM_DRIVER,
    .InitializeHandlerEx = TcInitialize,
    .UnloadHandler = TcUnload,
};

_Use_decl_annotations_
NDIS_STATUS
TcInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
TcUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeregisterProtocolDriver(TcProtocolHandle);
    NdisMDeregisterMiniportDriver(TcMiniportHandle);
}

_Use_decl_annotations_
NDIS_STATUS
TcBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
TcUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
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
    NDIS_STRING Name = NDIS_STRING_CONST("Template");

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Flags = NDIS_INTERMEDIATE_DRIVER;
    MChars = TcTemplate;
    MChars.MajorDriverVersion = 3;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,  // expect: im-intermediate-flag
                                         &MChars, &TcMiniportHandle);
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
    PChars.BindAdapterHandlerEx = TcBindAdapter;
    PChars.UnbindAdapterHandlerEx = TcUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &TcProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(TcMiniportHandle);
        return Status;
    }

    NdisIMAssociateMiniport(TcMiniportHandle, TcProtocolHandle);
    return NDIS_STATUS_SUCCESS;
}
