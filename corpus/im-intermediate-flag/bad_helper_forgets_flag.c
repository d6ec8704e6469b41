/*
 * im-intermediate-flag - VIOLATION (one finding, at the registration call).
 * The miniport characteristics are filled by a helper through a pointer.  The
 * helper zeroes the structure and sets the header, versions and handlers but
 * never Flags.  The driver is IM (both registrations, NdisIMAssociateMiniport),
 * so the registration call is reported.  A checker that does not follow the
 * pointer into the helper cannot tell what Flags holds.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE HfInitialize;
MINIPORT_UNLOAD HfUnload;
PROTOCOL_BIND_ADAPTER_EX HfBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX HfUnbindAdapter;

NDIS_HANDLE HfMiniportHandle = NULL;
NDIS_HANDLE HfProtocolHandle = NULL;

_Use_decl_annotations_
NDIS_STATUS
HfInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
HfUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeregisterProtocolDriver(HfProtocolHandle);
    NdisMDeregisterMiniportDriver(HfMiniportHandle);
}

_Use_decl_annotations_
NDIS_STATUS
HfBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
HfUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
{
    UNREFERENCED_PARAMETER(UnbindContext);
    UNREFERENCED_PARAMETER(ProtocolBindingContext);
    return NDIS_STATUS_SUCCESS;
}

/* Fills the miniport half's characteristics. */
static VOID
HfFillMiniportCharacteristics(PNDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars)
{
    NdisZeroMemory(Chars, sizeof(*Chars));
    Chars->Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars->Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars->Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars->MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    Chars->MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    Chars->MajorDriverVersion = 1;
    Chars->InitializeHandlerEx = HfInitialize;
    Chars->UnloadHandler = HfUnload;
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;
    NDIS_STRING Name = NDIS_STRING_CONST("HelperFill");

    HfFillMiniportCharacteristics(&MChars);
    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,  // expect: im-intermediate-flag
                                         &MChars, &HfMiniportHandle);
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
    PChars.BindAdapterHandlerEx = HfBindAdapter;
    PChars.UnbindAdapterHandlerEx = HfUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &HfProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(HfMiniportHandle);
        return Status;
    }

    NdisIMAssociateMiniport(HfMiniportHandle, HfProtocolHandle);
    return NDIS_STATUS_SUCCESS;
}
