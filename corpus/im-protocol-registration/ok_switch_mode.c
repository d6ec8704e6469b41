/*
 * im-protocol-registration - CORRECT (no finding).
 * IM driver that picks its protocol characteristics per operating mode: the
 * NdisRegisterProtocolDriver calls are inside the cases of a `switch`.  Calls
 * inside a switch are calls; every case registers.
 */
#include <ndis.h>

typedef enum _IM_MODE {
    ImModePassthru,
    ImModeMux
} IM_MODE;

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_UNLOAD MpUnload;

static NDIS_HANDLE MiniportDriverHandle;
static NDIS_HANDLE ProtocolDriverHandle;

_Use_decl_annotations_
NDIS_STATUS
MpInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
MpUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeregisterProtocolDriver(ProtocolDriverHandle);
    NdisMDeregisterMiniportDriver(MiniportDriverHandle);
}

/* Chooses the mode from the length of the service key name (a stand-in
 * for a registry read). */
static IM_MODE
ImQueryMode(_In_ PUNICODE_STRING RegistryPath)
{
    if (RegistryPath->Length > 64) {
        return ImModeMux;
    }
    return ImModePassthru;
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;
    NDIS_STRING MuxName = NDIS_STRING_CONST("ImMux");
    NDIS_STRING PassthruName = NDIS_STRING_CONST("ImPassthru");

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.Flags = NDIS_INTERMEDIATE_DRIVER;
    MChars.InitializeHandlerEx = MpInitialize;
    MChars.UnloadHandler = MpUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &MiniportDriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;

    switch (ImQueryMode(RegistryPath)) {
    case ImModeMux:
        PChars.Name = MuxName;
        Status = NdisRegisterProtocolDriver(NULL, &PChars, &ProtocolDriverHandle);
        break;
    case ImModePassthru:
    default:
        PChars.Name = PassthruName;
        Status = NdisRegisterProtocolDriver(NULL, &PChars, &ProtocolDriverHandle);
        break;
    }

    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(MiniportDriverHandle);
        return Status;
    }

    NdisIMAssociateMiniport(MiniportDriverHandle, ProtocolDriverHandle);
    return NDIS_STATUS_SUCCESS;
}
