/*
 * im-intermediate-flag - VIOLATION (two findings, one per call site).
 * The driver registers with revision 2 characteristics and retries with
 * revision 1 when NDIS answers NDIS_STATUS_BAD_VERSION.  Flags never holds
 * NDIS_INTERMEDIATE_DRIVER (it is 0 or NDIS_WDM_DRIVER depending on a field
 * of the driver object), so each NdisMRegisterMiniportDriver call is
 * reported exactly once, however many paths reach it without the bit.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE TwInitialize;
MINIPORT_UNLOAD TwUnload;
PROTOCOL_BIND_ADAPTER_EX TwBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX TwUnbindAdapter;

NDIS_HANDLE TwMiniportHandle = NULL;
NDIS_HANDLE TwProtocolHandle = NULL;

_Use_decl_annotations_
NDIS_STATUS
TwInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
TwUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeregisterProtocolDriver(TwProtocolHandle);
    NdisMDeregisterMiniportDriver(TwMiniportHandle);
}

_Use_decl_annotations_
NDIS_STATUS
TwBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
TwUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
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
    NDIS_STRING Name = NDIS_STRING_CONST("TwoCalls");

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    if (DriverObject->DeviceObject == NULL) {
        MChars.Flags = NDIS_WDM_DRIVER;
    }
    MChars.InitializeHandlerEx = TwInitialize;
    MChars.UnloadHandler = TwUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,  // expect: im-intermediate-flag
                                         &MChars, &TwMiniportHandle);
    if (Status == NDIS_STATUS_BAD_VERSION) {
        MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1;
        MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1;
        Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,  // expect: im-intermediate-flag
                                             &MChars, &TwMiniportHandle);
    }
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
    PChars.BindAdapterHandlerEx = TwBindAdapter;
    PChars.UnbindAdapterHandlerEx = TwUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &TwProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(TwMiniportHandle);
        return Status;
    }

    NdisIMAssociateMiniport(TwMiniportHandle, TwProtocolHandle);
    return NDIS_STATUS_SUCCESS;
}
