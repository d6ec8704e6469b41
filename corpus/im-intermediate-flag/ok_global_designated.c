/*
 * im-intermediate-flag - CORRECT (no finding).
 * The characteristics are a global with designated initializers, including
 * `.Flags = NDIS_INTERMEDIATE_DRIVER`; DriverEntry only adjusts the driver
 * version at run time and passes the global's address.  No Flags store
 * happens in any function, so a checker that only tracks assignments would
 * wrongly say the bit is missing.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE GiInitialize;
MINIPORT_UNLOAD GiUnload;
PROTOCOL_BIND_ADAPTER_EX GiBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX GiUnbindAdapter;

NDIS_HANDLE GiMiniportHandle = NULL;
NDIS_HANDLE GiProtocolHandle = NULL;

NDIS_MINIPORT_DRIVER_CHARACTERISTICS GiMiniportChars = {
    .Header = {
        .Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS,
        .Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2,
        .Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2,
    },
    .MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION,
    .MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION,
    .Flags = NDIS_INTERMEDIATE_DRIVER,
    .InitializeHandlerEx = GiInitialize,
    .UnloadHandler = GiUnload,
};

_Use_decl_annotations_
NDIS_STATUS
GiInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
GiUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeregisterProtocolDriver(GiProtocolHandle);
    NdisMDeregisterMiniportDriver(GiMiniportHandle);
}

_Use_decl_annotations_
NDIS_STATUS
GiBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
GiUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
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
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;
    NDIS_STRING Name = NDIS_STRING_CONST("GlobalInit");

    GiMiniportChars.MajorDriverVersion = 4;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &GiMiniportChars, &GiMiniportHandle);
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
    PChars.BindAdapterHandlerEx = GiBindAdapter;
    PChars.UnbindAdapterHandlerEx = GiUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &GiProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(GiMiniportHandle);
        return Status;
    }

    NdisIMAssociateMiniport(GiMiniportHandle, GiProtocolHandle);
    return NDIS_STATUS_SUCCESS;
}
