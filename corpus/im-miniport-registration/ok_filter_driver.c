/*
 * im-miniport-registration - CORRECT (no finding).
 * A filter driver with statically initialized characteristics (designated
 * initializers).  It registers no miniport, but it is no IM driver: filter
 * registration (NdisFRegisterFilterDriver) is outside the IM rules, and the
 * filter Flags field never holds NDIS_INTERMEDIATE_DRIVER.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
FILTER_DRIVER_UNLOAD FlUnload;
FILTER_ATTACH FlAttach;
FILTER_DETACH FlDetach;
FILTER_RESTART FlRestart;
FILTER_PAUSE FlPause;

static NDIS_HANDLE FlDriverHandle;

_Use_decl_annotations_
NDIS_STATUS
FlAttach(NDIS_HANDLE NdisFilterHandle, NDIS_HANDLE FilterDriverContext,
         PNDIS_FILTER_ATTACH_PARAMETERS AttachParameters)
{
    UNREFERENCED_PARAMETER(NdisFilterHandle);
    UNREFERENCED_PARAMETER(FilterDriverContext);
    UNREFERENCED_PARAMETER(AttachParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
VOID
FlDetach(NDIS_HANDLE FilterModuleContext)
{
    UNREFERENCED_PARAMETER(FilterModuleContext);
}

_Use_decl_annotations_
NDIS_STATUS
FlRestart(NDIS_HANDLE FilterModuleContext,
          PNDIS_FILTER_RESTART_PARAMETERS RestartParameters)
{
    UNREFERENCED_PARAMETER(FilterModuleContext);
    UNREFERENCED_PARAMETER(RestartParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
NDIS_STATUS
FlPause(NDIS_HANDLE FilterModuleContext,
        PNDIS_FILTER_PAUSE_PARAMETERS PauseParameters)
{
    UNREFERENCED_PARAMETER(FilterModuleContext);
    UNREFERENCED_PARAMETER(PauseParameters);
    return NDIS_STATUS_SUCCESS;
}

static NDIS_FILTER_DRIVER_CHARACTERISTICS FlChars = {
    .Header = {
        .Type = NDIS_OBJECT_TYPE_FILTER_DRIVER_CHARACTERISTICS,
        .Revision = NDIS_FILTER_CHARACTERISTICS_REVISION_1,
        .Size = NDIS_SIZEOF_FILTER_DRIVER_CHARACTERISTICS_REVISION_1,
    },
    .MajorNdisVersion = 6,
    .MinorNdisVersion = 0,
    .Flags = 0,
    .AttachHandler = FlAttach,
    .DetachHandler = FlDetach,
    .RestartHandler = FlRestart,
    .PauseHandler = FlPause,
};

_Use_decl_annotations_
VOID
FlUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisFDeregisterFilterDriver(FlDriverHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(RegistryPath);

    RtlInitUnicodeString(&FlChars.ServiceName, L"FlSample");
    RtlInitUnicodeString(&FlChars.UniqueName, L"{0f2b3c4d-1111-4a5b-9c8d-7e6f5a4b3c2d}");
    RtlInitUnicodeString(&FlChars.FriendlyName, L"Sample light-weight filter");
    DriverObject->DriverUnload = FlUnload;
    return NdisFRegisterFilterDriver(DriverObject, (NDIS_HANDLE)DriverObject,
                                     &FlChars, &FlDriverHandle);
}
