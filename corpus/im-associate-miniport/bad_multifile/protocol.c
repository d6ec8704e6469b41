/*
 * protocol.c - protocol half of the two-file IM driver (see driver.c).
 * The finding is reported in driver.c (DriverEntry's name), not here.
 */
#include "im.h"

PROTOCOL_BIND_ADAPTER_EX PtBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX PtUnbindAdapter;

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

/* Registers the protocol half under its legacy or its new name. */
NDIS_STATUS
ImRegisterProtocol(_In_ PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;
    NDIS_STRING LegacyName = NDIS_STRING_CONST("ImLegacy");
    NDIS_STRING NewName = NDIS_STRING_CONST("ImNew");

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    PChars.BindAdapterHandlerEx = PtBindAdapter;
    PChars.UnbindAdapterHandlerEx = PtUnbindAdapter;
    if (RegistryPath->Length < 100) {
        PChars.Name = LegacyName;
        Status = NdisRegisterProtocolDriver(NULL, &PChars, &ImProtocolHandle);
        if (Status == NDIS_STATUS_SUCCESS) {
            NdisIMAssociateMiniport(ImMiniportHandle, ImProtocolHandle);
        }
    } else {
        PChars.Name = NewName;
        Status = NdisRegisterProtocolDriver(NULL, &PChars, &ImProtocolHandle);
    }
    return Status;
}
