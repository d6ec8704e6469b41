/*
 * miniport-deregister-on-unload - CORRECT (no finding).
 * IM driver whose unload handler deregisters each half only when its handle
 * is non-NULL, written `NULL != Handle` and `if (Handle)`.  SPEC.md: the
 * registration call wrote a non-NULL handle in every state in which the
 * handler runs, so the tests are always true there.  A checker that treats
 * a conditional deregistration as "may be skipped" would wrongly report it.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE HnInitialize;
MINIPORT_UNLOAD HnUnload;
PROTOCOL_BIND_ADAPTER_EX HnBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX HnUnbindAdapter;

NDIS_HANDLE HnMiniportHandle = NULL;
NDIS_HANDLE HnProtocolHandle = NULL;

_Use_decl_annotations_
NDIS_STATUS
HnInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
HnUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    if (HnProtocolHandle) {
        NdisDeregisterProtocolDriver(HnProtocolHandle);
        HnProtocolHandle = NULL;
    }
    if (NULL != HnMiniportHandle) {
        NdisMDeregisterMiniportDriver(HnMiniportHandle);
        HnMiniportHandle = NULL;
    }
}

_Use_decl_annotations_
NDIS_STATUS
HnBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
HnUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
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
    NDIS_STRING Name = NDIS_STRING_CONST("NullTest");

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.Flags = NDIS_INTERMEDIATE_DRIVER;
    MChars.InitializeHandlerEx = HnInitialize;
    MChars.UnloadHandler = HnUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &HnMiniportHandle);
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
    PChars.BindAdapterHandlerEx = HnBindAdapter;
    PChars.UnbindAdapterHandlerEx = HnUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &HnProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(HnMiniportHandle);
        return Status;
    }

    NdisIMAssociateMiniport(HnMiniportHandle, HnProtocolHandle);
    return NDIS_STATUS_SUCCESS;
}
