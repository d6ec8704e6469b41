/*
 * protocol-deregister-on-error - VIOLATION.
 * Pure protocol driver with nested ifs and a single exit.  After the
 * protocol registration, the driver creates its lookaside list (cannot
 * fail) and then reads its binding limits; when the limits are invalid it
 * only sets the status - the protocol stays registered.  One finding at the
 * single `return Status;`.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD PtUnload;
PROTOCOL_BIND_ADAPTER_EX PtBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX PtUnbindAdapter;

static NDIS_HANDLE PtHandle;
static NPAGED_LOOKASIDE_LIST PtSendLookaside;
static ULONG PtMaxBindings;

_Use_decl_annotations_
NDIS_STATUS
PtBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
PtUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
{
    UNREFERENCED_PARAMETER(UnbindContext);
    UNREFERENCED_PARAMETER(ProtocolBindingContext);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
PtUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeleteNPagedLookasideList(&PtSendLookaside);
    NdisDeregisterProtocolDriver(PtHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;
    NDIS_STRING Name = NDIS_STRING_CONST("PtNested");

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    PChars.Name = Name;
    PChars.BindAdapterHandlerEx = PtBindAdapter;
    PChars.UnbindAdapterHandlerEx = PtUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &PtHandle);
    if (NT_SUCCESS(Status)) {
        DriverObject->DriverUnload = PtUnload;
        NdisInitializeNPagedLookasideList(&PtSendLookaside, NULL, NULL, 0, 128,
                                          'kLtP', 0);
        PtMaxBindings = RegistryPath->Length / sizeof(WCHAR);
        if (PtMaxBindings != 0) {
            if (PtMaxBindings > 64) {
                PtMaxBindings = 64;
            }
        } else {
            NdisDeleteNPagedLookasideList(&PtSendLookaside);
            Status = NDIS_STATUS_INVALID_PARAMETER;
        }
    }
    return Status;  // expect: protocol-deregister-on-error
}
