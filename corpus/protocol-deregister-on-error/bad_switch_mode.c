/*
 * protocol-deregister-on-error - VIOLATION.
 * Pure protocol driver that `switch`es on an operating mode after its
 * registration.  The "monitor" mode needs a buffer and returns a failure
 * when it cannot get one, without deregistering; the unsupported-mode
 * `default` deregisters correctly.  One finding, at the `return` inside
 * the PtModeMonitor case.
 */
#include <ndis.h>

typedef enum _PT_MODE { PtModeNormal, PtModeMonitor, PtModeUnknown } PT_MODE;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD PtUnload;
PROTOCOL_BIND_ADAPTER_EX PtBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX PtUnbindAdapter;

static NDIS_HANDLE PtHandle;
static PVOID PtCaptureBuffer;

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
    NdisDeregisterProtocolDriver(PtHandle);
}

/* The mode, from the service key name (stand-in for a registry read). */
static PT_MODE
PtQueryMode(_In_ PUNICODE_STRING RegistryPath)
{
    if (RegistryPath->Length > 300) {
        return PtModeUnknown;
    }
    return RegistryPath->Length > 150 ? PtModeMonitor : PtModeNormal;
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    PChars.BindAdapterHandlerEx = PtBindAdapter;
    PChars.UnbindAdapterHandlerEx = PtUnbindAdapter;
    Status = NdisRegisterProtocolDriver(NULL, &PChars, &PtHandle);
    if (!NT_SUCCESS(Status)) {
        return Status;
    }
    DriverObject->DriverUnload = PtUnload;

    switch (PtQueryMode(RegistryPath)) {
    case PtModeNormal:
        break;
    case PtModeMonitor:
        PtCaptureBuffer = NdisAllocateMemoryWithTagPriority(PtHandle, 65536, 'pCtP',
                                                            LowPoolPriority);
        if (PtCaptureBuffer == NULL) {
            return NDIS_STATUS_RESOURCES;  // expect: protocol-deregister-on-error
        }
        break;
    default:
        NdisDeregisterProtocolDriver(PtHandle);
        return NDIS_STATUS_NOT_SUPPORTED;
    }
    return NDIS_STATUS_SUCCESS;
}
