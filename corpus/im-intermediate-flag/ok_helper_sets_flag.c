/*
 * im-intermediate-flag - CORRECT (no finding).
 * DriverEntry zeroes the characteristics itself and hands their address to
 * a helper that fills the header, handlers and the IM bit through the
 * pointer (`Chars->Flags |= NDIS_INTERMEDIATE_DRIVER`).  The only Flags store
 * is in the helper; a checker that does not follow the pointer into it
 * would think Flags is still 0 at the registration call.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE HsInitialize;
MINIPORT_UNLOAD HsUnload;
PROTOCOL_BIND_ADAPTER_EX HsBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX HsUnbindAdapter;

NDIS_HANDLE HsMiniportHandle = NULL;
NDIS_HANDLE HsProtocolHandle = NULL;

/* Fills the miniport half's characteristics; the caller zeroed them. */
static VOID
HsFillMiniportCharacteristics(PNDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars)
{
    Chars->Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars->Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars->Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars->MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    Chars->MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    Chars->Flags |= NDIS_INTERMEDIATE_DRIVER;
    Chars->InitializeHandlerEx = HsInitialize;
    Chars->UnloadHandler = HsUnload;
}

_Use_decl_annotations_
NDIS_STATUS
HsInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
HsUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeregisterProtocolDriver(HsProtocolHandle);
    NdisMDeregisterMiniportDriver(HsMiniportHandle);
}

_Use_decl_annotations_
NDIS_STATUS
HsBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
HsUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
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
    NDIS_STRING Name = NDIS_STRING_CONST("HelperSets");

    NdisZeroMemory(&MChars, sizeof(MChars));
    HsFillMiniportCharacteristics(&MChars);

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &HsMiniportHandle);
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
    PChars.BindAdapterHandlerEx = HsBindAdapter;
    PChars.UnbindAdapterHandlerEx = HsUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &HsProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(HsMiniportHandle);
        return Status;
    }

    NdisIMAssociateMiniport(HsMiniportHandle, HsProtocolHandle);
    return NDIS_STATUS_SUCCESS;
}
