/*
 * protocol-deregister-on-unload - VIOLATION (at the unload handler's name).
 * Pure protocol driver (no miniport half, not IM).  Its DriverUnload routine
 * frees the receive lookaside list and returns; the protocol registration
 * made in DriverEntry is never undone.  The rule applies to every driver that
 * registers a protocol and has an unload handler, not only to IM drivers.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD PdUnload;
PROTOCOL_BIND_ADAPTER_EX PdBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX PdUnbindAdapter;

NDIS_HANDLE PdProtocolHandle = NULL;
NPAGED_LOOKASIDE_LIST PdRecvPool;

_Use_decl_annotations_
VOID
PdUnload(PDRIVER_OBJECT DriverObject)  // expect: protocol-deregister-on-unload
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeleteNPagedLookasideList(&PdRecvPool);
}

_Use_decl_annotations_
NDIS_STATUS
PdBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
PdUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
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
    NDIS_STRING Name = NDIS_STRING_CONST("PureProto");

    UNREFERENCED_PARAMETER(RegistryPath);

    NdisInitializeNPagedLookasideList(&PdRecvPool, NULL, NULL, 0, 1514, 'vRdP', 0);
    DriverObject->DriverUnload = PdUnload;

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    PChars.Name = Name;
    PChars.BindAdapterHandlerEx = PdBindAdapter;
    PChars.UnbindAdapterHandlerEx = PdUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &PdProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisDeleteNPagedLookasideList(&PdRecvPool);
    }
    return Status;
}
