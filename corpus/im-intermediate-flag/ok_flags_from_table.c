/*
 * im-intermediate-flag - CORRECT (no finding).
 * Flags is read from a table of flag sets indexed by a value the analysis
 * cannot know (a field of the driver object).  The value at the call is
 * unknown, and SPEC.md says an unknown value is never guessed, so nothing is
 * reported (every entry does contain the bit).  IM evidence still exists:
 * both registrations and NdisIMAssociateMiniport.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE FtInitialize;
MINIPORT_UNLOAD FtUnload;
PROTOCOL_BIND_ADAPTER_EX FtBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX FtUnbindAdapter;

NDIS_HANDLE FtMiniportHandle = NULL;
NDIS_HANDLE FtProtocolHandle = NULL;

static const ULONG FtFlagSets[2] = {
    NDIS_INTERMEDIATE_DRIVER,
    NDIS_INTERMEDIATE_DRIVER | NDIS_WDM_DRIVER,
};

_Use_decl_annotations_
NDIS_STATUS
FtInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
FtUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeregisterProtocolDriver(FtProtocolHandle);
    NdisMDeregisterMiniportDriver(FtMiniportHandle);
}

_Use_decl_annotations_
NDIS_STATUS
FtBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
FtUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
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
    NDIS_STRING Name = NDIS_STRING_CONST("FlagTable");

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.Flags = FtFlagSets[(DriverObject->Flags >> 4) & 1];
    MChars.InitializeHandlerEx = FtInitialize;
    MChars.UnloadHandler = FtUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &FtMiniportHandle);
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
    PChars.BindAdapterHandlerEx = FtBindAdapter;
    PChars.UnbindAdapterHandlerEx = FtUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &FtProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(FtMiniportHandle);
        return Status;
    }

    NdisIMAssociateMiniport(FtMiniportHandle, FtProtocolHandle);
    return NDIS_STATUS_SUCCESS;
}
