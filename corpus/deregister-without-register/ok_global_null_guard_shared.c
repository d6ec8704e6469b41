/*
 * deregister-without-register - CORRECT (no finding).
 * Pure protocol driver with one cleanup routine shared by every error path
 * of DriverEntry (the registration's failure included) and by the unload
 * routine.  The deregistration is guarded by `if (PtHandle != NULL)` on a
 * GLOBAL handle that only a successful registration writes, and the handle
 * is reset to NULL after it, so a second call does nothing.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD PtUnload;
PROTOCOL_BIND_ADAPTER_EX PtBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX PtUnbindAdapter;

static NDIS_HANDLE PtHandle;
static PVOID PtTable;

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

/* Releases whatever has been set up; safe to call at any point. */
static VOID
PtCleanup(VOID)
{
    if (PtTable != NULL) {
        NdisFreeMemory(PtTable, 0, 0);
        PtTable = NULL;
    }
    if (PtHandle != NULL) {
        NdisDeregisterProtocolDriver(PtHandle);
        PtHandle = NULL;
    }
}

_Use_decl_annotations_
VOID
PtUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    PtCleanup();
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;

    UNREFERENCED_PARAMETER(RegistryPath);
    DriverObject->DriverUnload = PtUnload;
    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    PChars.BindAdapterHandlerEx = PtBindAdapter;
    PChars.UnbindAdapterHandlerEx = PtUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &PtHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        PtCleanup();
        return Status;
    }

    PtTable = NdisAllocateMemoryWithTagPriority(PtHandle, 256, 'bTtP', NormalPoolPriority);
    if (PtTable == NULL) {
        PtCleanup();
        PtCleanup();                        /* harmless: everything is NULL now */
        return NDIS_STATUS_RESOURCES;
    }
    return NDIS_STATUS_SUCCESS;
}
