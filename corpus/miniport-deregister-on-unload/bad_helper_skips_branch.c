/*
 * miniport-deregister-on-unload - VIOLATION (at the unload handler's name).
 * Teardown is shared by DriverEntry's error path and the unload handler
 * through HkTeardown(Reason).  The helper deregisters the miniport only for
 * HK_TEARDOWN_ABORT; for HK_TEARDOWN_UNLOAD it only frees the protocol edge
 * (the author assumed NDIS deregisters on unload).  The unload handler passes
 * HK_TEARDOWN_UNLOAD, so its only path skips the deregistration.  A checker
 * that sees "the helper calls NdisMDeregisterMiniportDriver" accepts it.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE HkInitialize;
MINIPORT_UNLOAD HkUnload;
PROTOCOL_BIND_ADAPTER_EX HkBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX HkUnbindAdapter;

NDIS_HANDLE HkMiniportHandle = NULL;
NDIS_HANDLE HkProtocolHandle = NULL;

#define HK_TEARDOWN_ABORT  1
#define HK_TEARDOWN_UNLOAD 2

/* Undoes the registrations that DriverEntry made. */
static VOID
HkTeardown(ULONG Reason)
{
    if (HkProtocolHandle != NULL) {
        NdisDeregisterProtocolDriver(HkProtocolHandle);
        HkProtocolHandle = NULL;
    }
    switch (Reason) {
    case HK_TEARDOWN_ABORT:
        NdisMDeregisterMiniportDriver(HkMiniportHandle);
        HkMiniportHandle = NULL;
        break;
    case HK_TEARDOWN_UNLOAD:
    default:
        break;
    }
}

_Use_decl_annotations_
NDIS_STATUS
HkInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
HkUnload(PDRIVER_OBJECT DriverObject)  // expect: miniport-deregister-on-unload
{
    UNREFERENCED_PARAMETER(DriverObject);
    HkTeardown(HK_TEARDOWN_UNLOAD);
}

_Use_decl_annotations_
NDIS_STATUS
HkBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
HkUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
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
    NDIS_STRING Name = NDIS_STRING_CONST("HelperSkip");

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.Flags = NDIS_INTERMEDIATE_DRIVER;
    MChars.InitializeHandlerEx = HkInitialize;
    MChars.UnloadHandler = HkUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &HkMiniportHandle);
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
    PChars.BindAdapterHandlerEx = HkBindAdapter;
    PChars.UnbindAdapterHandlerEx = HkUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &HkProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        HkTeardown(HK_TEARDOWN_ABORT);
        return Status;
    }

    NdisIMAssociateMiniport(HkMiniportHandle, HkProtocolHandle);
    return NDIS_STATUS_SUCCESS;
}
