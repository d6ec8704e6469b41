/*
 * protocol-deregister-on-unload - CORRECT (no finding).
 * Pure protocol driver that installs no unload routine at all: it is meant
 * to stay loaded until reboot, so its protocol registration is never undone.
 * SPEC.md applies this rule only to drivers that have an unload handler; no
 * miniport is registered either, so miniport-deregister-on-unload does not
 * apply.  A checker that demands a NdisDeregisterProtocolDriver somewhere for
 * every registration would wrongly report it.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
PROTOCOL_BIND_ADAPTER_EX NlBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX NlUnbindAdapter;

NDIS_HANDLE NlProtocolHandle = NULL;

_Use_decl_annotations_
NDIS_STATUS
NlBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
NlUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
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
    NDIS_STRING Name = NDIS_STRING_CONST("NoUnload");

    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    PChars.Name = Name;
    PChars.BindAdapterHandlerEx = NlBindAdapter;
    PChars.UnbindAdapterHandlerEx = NlUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &NlProtocolHandle);
    return Status;
}
