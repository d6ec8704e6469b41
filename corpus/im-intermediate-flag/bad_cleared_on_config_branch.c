/*
 * im-intermediate-flag - VIOLATION (one finding, at the registration call).
 * The IM bit is set, but a "legacy mode" switch (derived from the service
 * name in RegistryPath, unknown to the analysis) clears it again with
 * `&= ~NDIS_INTERMEDIATE_DRIVER` before registering.  On that path the
 * characteristics lack the bit, so the call is reported - once, although the
 * other path reaches the same call with the bit set.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE ClInitialize;
MINIPORT_UNLOAD ClUnload;
PROTOCOL_BIND_ADAPTER_EX ClBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX ClUnbindAdapter;

NDIS_HANDLE ClMiniportHandle = NULL;
NDIS_HANDLE ClProtocolHandle = NULL;

/* Test installs use a service name ending in 'L' to run in legacy mode. */
static BOOLEAN
ClWantsLegacyMode(PUNICODE_STRING RegistryPath)
{
    USHORT Count = RegistryPath->Length / sizeof(WCHAR);

    if (Count == 0) {
        return FALSE;
    }
    return (BOOLEAN)(RegistryPath->Buffer[Count - 1] == L'L');
}

_Use_decl_annotations_
NDIS_STATUS
ClInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
ClUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeregisterProtocolDriver(ClProtocolHandle);
    NdisMDeregisterMiniportDriver(ClMiniportHandle);
}

_Use_decl_annotations_
NDIS_STATUS
ClBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
ClUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
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
    NDIS_STRING Name = NDIS_STRING_CONST("ClearBit");

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.Flags = NDIS_INTERMEDIATE_DRIVER | NDIS_WDM_DRIVER;
    MChars.InitializeHandlerEx = ClInitialize;
    MChars.UnloadHandler = ClUnload;

    if (ClWantsLegacyMode(RegistryPath)) {
        /* Legacy mode: present the virtual adapter as a plain NIC. */
        MChars.Flags &= ~NDIS_INTERMEDIATE_DRIVER;
    }

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,  // expect: im-intermediate-flag
                                         &MChars, &ClMiniportHandle);
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
    PChars.BindAdapterHandlerEx = ClBindAdapter;
    PChars.UnbindAdapterHandlerEx = ClUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &ClProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(ClMiniportHandle);
        return Status;
    }

    NdisIMAssociateMiniport(ClMiniportHandle, ClProtocolHandle);
    return NDIS_STATUS_SUCCESS;
}
