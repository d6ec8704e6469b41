/*
 * im-protocol-registration - CORRECT (no finding).
 * A pure protocol driver (an NDISPROT-like packet driver): it registers its
 * ProtocolXxx functions and no miniport, and calls no NdisIM* function, so it
 * is not an IM driver.  It also pairs correctly: the protocol is deregistered
 * when the buffer allocation that follows fails, and in the unload routine
 * (DriverObject->DriverUnload).
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD PrUnload;
PROTOCOL_BIND_ADAPTER_EX PrBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX PrUnbindAdapter;

#define PR_TAG          'rPmI'
#define PR_BUFFER_SIZE  2048

static NDIS_HANDLE PrProtocolHandle;
static PVOID PrScratch;

_Use_decl_annotations_
NDIS_STATUS
PrBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
PrUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
{
    UNREFERENCED_PARAMETER(UnbindContext);
    UNREFERENCED_PARAMETER(ProtocolBindingContext);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
PrUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisFreeMemory(PrScratch, 0, 0);
    NdisDeregisterProtocolDriver(PrProtocolHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;
    NDIS_STRING Name = NDIS_STRING_CONST("PRPKT");

    UNREFERENCED_PARAMETER(RegistryPath);

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_1;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_1;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    PChars.Name = Name;
    PChars.BindAdapterHandlerEx = PrBindAdapter;
    PChars.UnbindAdapterHandlerEx = PrUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &PrProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }

    PrScratch = NdisAllocateMemoryWithTagPriority(PrProtocolHandle, PR_BUFFER_SIZE,
                                                  PR_TAG, NormalPoolPriority);
    if (PrScratch == NULL) {
        NdisDeregisterProtocolDriver(PrProtocolHandle);
        return STATUS_INSUFFICIENT_RESOURCES;
    }

    DriverObject->DriverUnload = PrUnload;
    return STATUS_SUCCESS;
}
