/*
 * miniport-deregister-on-unload - CORRECT (no finding).
 * The deregistrations live in one cleanup helper, ScCleanup(), called both
 * from DriverEntry's error paths and from the unload handler; the helper
 * tests BOOLEANs that DriverEntry sets right after each registration
 * succeeds.  The unload handler itself contains no deregistration call, so a
 * checker that does not follow the call (and the flags) would report it.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE ScInitialize;
MINIPORT_UNLOAD ScUnload;
PROTOCOL_BIND_ADAPTER_EX ScBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX ScUnbindAdapter;

NDIS_HANDLE ScMiniportHandle = NULL;
NDIS_HANDLE ScProtocolHandle = NULL;
static BOOLEAN ScMiniportRegistered = FALSE;
static BOOLEAN ScProtocolRegistered = FALSE;

/* Undoes whatever DriverEntry registered. */
static VOID
ScCleanup(VOID)
{
    if (ScProtocolRegistered) {
        NdisDeregisterProtocolDriver(ScProtocolHandle);
        ScProtocolRegistered = FALSE;
    }
    if (ScMiniportRegistered) {
        NdisMDeregisterMiniportDriver(ScMiniportHandle);
        ScMiniportRegistered = FALSE;
    }
}

_Use_decl_annotations_
NDIS_STATUS
ScInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
ScUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    ScCleanup();
}

_Use_decl_annotations_
NDIS_STATUS
ScBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
ScUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
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
    NDIS_STRING Name = NDIS_STRING_CONST("SharedCleanup");

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.Flags = NDIS_INTERMEDIATE_DRIVER;
    MChars.InitializeHandlerEx = ScInitialize;
    MChars.UnloadHandler = ScUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &ScMiniportHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto fail;
    }
    ScMiniportRegistered = TRUE;

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    PChars.Name = Name;
    PChars.BindAdapterHandlerEx = ScBindAdapter;
    PChars.UnbindAdapterHandlerEx = ScUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &ScProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto fail;
    }
    ScProtocolRegistered = TRUE;

    NdisIMAssociateMiniport(ScMiniportHandle, ScProtocolHandle);
    return NDIS_STATUS_SUCCESS;

fail:
    ScCleanup();
    return Status;
}
