/*
 * im-intermediate-flag - CORRECT (no finding).
 * Flags is assigned in both arms of an if/else on a condition the analysis
 * cannot decide (a field of the driver object): one arm stores the IM bit
 * alone, the other the IM bit with NDIS_WDM_DRIVER.  Every path therefore
 * has the bit; a checker that merges the two arms into "unknown", or that
 * only looks at one arm, would wrongly report the call.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE BbInitialize;
MINIPORT_UNLOAD BbUnload;
PROTOCOL_BIND_ADAPTER_EX BbBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX BbUnbindAdapter;

NDIS_HANDLE BbMiniportHandle = NULL;
NDIS_HANDLE BbProtocolHandle = NULL;

_Use_decl_annotations_
NDIS_STATUS
BbInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
BbUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeregisterProtocolDriver(BbProtocolHandle);
    NdisMDeregisterMiniportDriver(BbMiniportHandle);
}

_Use_decl_annotations_
NDIS_STATUS
BbBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
BbUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
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
    NDIS_STRING Name = NDIS_STRING_CONST("BothArms");

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    if (DriverObject->DeviceObject == NULL) {
        MChars.Flags = NDIS_INTERMEDIATE_DRIVER;
    } else {
        MChars.Flags = NDIS_WDM_DRIVER | NDIS_INTERMEDIATE_DRIVER;
    }
    MChars.InitializeHandlerEx = BbInitialize;
    MChars.UnloadHandler = BbUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &BbMiniportHandle);
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
    PChars.BindAdapterHandlerEx = BbBindAdapter;
    PChars.UnbindAdapterHandlerEx = BbUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &BbProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(BbMiniportHandle);
        return Status;
    }

    NdisIMAssociateMiniport(BbMiniportHandle, BbProtocolHandle);
    return NDIS_STATUS_SUCCESS;
}
