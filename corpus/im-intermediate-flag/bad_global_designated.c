/*
 * im-intermediate-flag - VIOLATION (one finding, at the registration call).
 * The miniport characteristics are a global with designated initializers; the
 * initializer lists the header, versions and handlers but no .Flags, so Flags
 * is 0 when DriverEntry passes the global's address.  DriverEntry itself never
 * touches the structure, so a checker that only tracks stores in DriverEntry
 * sees nothing to judge.  IM evidence: both registrations and NdisIMAssociate.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE GdInitialize;
MINIPORT_UNLOAD GdUnload;
PROTOCOL_BIND_ADAPTER_EX GdBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX GdUnbindAdapter;

NDIS_HANDLE GdMiniportHandle = NULL;
NDIS_HANDLE GdProtocolHandle = NULL;

NDIS_MINIPORT_DRIVER_CHARACTERISTICS GdMiniportChars = {
    .Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS,
    .Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2,
    .Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2,
    .MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION,
    .MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION,
    .MajorDriverVersion = 1,
    .InitializeHandlerEx = GdInitialize,
    .UnloadHandler = GdUnload,
};

_Use_decl_annotations_
NDIS_STATUS
GdInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
GdUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeregisterProtocolDriver(GdProtocolHandle);
    NdisMDeregisterMiniportDriver(GdMiniportHandle);
}

_Use_decl_annotations_
NDIS_STATUS
GdBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
GdUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
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
    NDIS_STRING Name = NDIS_STRING_CONST("GlobalChars");

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,  // expect: im-intermediate-flag
                                         &GdMiniportChars, &GdMiniportHandle);
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
    PChars.BindAdapterHandlerEx = GdBindAdapter;
    PChars.UnbindAdapterHandlerEx = GdUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &GdProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(GdMiniportHandle);
        return Status;
    }

    NdisIMAssociateMiniport(GdMiniportHandle, GdProtocolHandle);
    return NDIS_STATUS_SUCCESS;
}
