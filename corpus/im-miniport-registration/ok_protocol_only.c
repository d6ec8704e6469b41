/*
 * im-miniport-registration - CORRECT (no finding).
 * A pure protocol driver registers only its ProtocolXxx functions.  It never
 * calls NdisMRegisterMiniportDriver, but it has no IM evidence (no
 * NDIS_INTERMEDIATE_DRIVER flag, no NdisIM* call, only one of the two
 * registrations), so the IM rules do not apply.  Written in the do/while(0)
 * break-out style with the name set by RtlInitUnicodeString.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD NpUnload;
PROTOCOL_BIND_ADAPTER_EX NpBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX NpUnbindAdapter;

NDIS_HANDLE NpProtocolHandle = NULL;

_Use_decl_annotations_
NDIS_STATUS
NpBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
NpUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
{
    UNREFERENCED_PARAMETER(UnbindContext);
    UNREFERENCED_PARAMETER(ProtocolBindingContext);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
NpUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    if (NpProtocolHandle != NULL) {
        NdisDeregisterProtocolDriver(NpProtocolHandle);
        NpProtocolHandle = NULL;
    }
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;

    UNREFERENCED_PARAMETER(RegistryPath);

    do {
        NdisZeroMemory(&PChars, sizeof(PChars));
        PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
        PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
        PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
        PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
        PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
        RtlInitUnicodeString(&PChars.Name, L"NPROTO");
        PChars.BindAdapterHandlerEx = NpBindAdapter;
        PChars.UnbindAdapterHandlerEx = NpUnbindAdapter;

        Status = NdisRegisterProtocolDriver(NULL, &PChars, &NpProtocolHandle);
        if (Status != NDIS_STATUS_SUCCESS) {
            break;
        }
        DriverObject->DriverUnload = NpUnload;
    } while (FALSE);

    return Status;
}
