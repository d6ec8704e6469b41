/*
 * im-intermediate-flag - CORRECT (no finding).
 * Flags is not assigned a literal: the bits are accumulated in a local ULONG,
 * starting from a driver macro that expands to
 * `NDIS_INTERMEDIATE_DRIVER | NDIS_WDM_DRIVER`, possibly ORed with more, and
 * the local is then copied into MChars.Flags.  A checker that looks for the
 * token NDIS_INTERMEDIATE_DRIVER on the right of `MChars.Flags =` would
 * wrongly report the registration.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE OcInitialize;
MINIPORT_UNLOAD OcUnload;
PROTOCOL_BIND_ADAPTER_EX OcBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX OcUnbindAdapter;

NDIS_HANDLE OcMiniportHandle = NULL;
NDIS_HANDLE OcProtocolHandle = NULL;

#define OC_MINIPORT_FLAGS (NDIS_INTERMEDIATE_DRIVER | NDIS_WDM_DRIVER)

_Use_decl_annotations_
NDIS_STATUS
OcInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
OcUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeregisterProtocolDriver(OcProtocolHandle);
    NdisMDeregisterMiniportDriver(OcMiniportHandle);
}

_Use_decl_annotations_
NDIS_STATUS
OcBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
OcUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
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
    ULONG MpFlags;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;
    NDIS_STRING Name = NDIS_STRING_CONST("LocalFlags");

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MpFlags = OC_MINIPORT_FLAGS;
    if (DriverObject->DeviceObject != NULL) {
        MpFlags |= NDIS_WDM_DRIVER;
    }
    MChars.Flags = MpFlags;
    MChars.InitializeHandlerEx = OcInitialize;
    MChars.UnloadHandler = OcUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &OcMiniportHandle);
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
    PChars.BindAdapterHandlerEx = OcBindAdapter;
    PChars.UnbindAdapterHandlerEx = OcUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &OcProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(OcMiniportHandle);
        return Status;
    }

    NdisIMAssociateMiniport(OcMiniportHandle, OcProtocolHandle);
    return NDIS_STATUS_SUCCESS;
}
