/*
 * im-protocol-registration - VIOLATION, over two files (driver.c, setup.c).
 * DriverEntry delegates both halves to helpers in setup.c.  The miniport
 * helper sets NDIS_INTERMEDIATE_DRIVER | NDIS_WDM_DRIVER and registers; the
 * protocol helper ImSetupProtocol only fills characteristics and returns
 * success.  The function that really calls NdisRegisterProtocolDriver,
 * ImRegisterProtocolNow, is in setup.c but nothing reachable calls it.
 * The finding is on DriverEntry's name, here.
 */
#include "imsetup.h"

DRIVER_INITIALIZE DriverEntry;

NDIS_HANDLE ImMiniportHandle = NULL;
NDIS_HANDLE ImProtocolHandle = NULL;

_Use_decl_annotations_
VOID
ImUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(ImMiniportHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(  // expect: im-protocol-registration
    PDRIVER_OBJECT DriverObject,
    PUNICODE_STRING RegistryPath
    )
{
    NDIS_STATUS Status;

    Status = ImSetupMiniport(DriverObject, RegistryPath);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }
    Status = ImSetupProtocol();
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(ImMiniportHandle);
        return Status;
    }
    return NDIS_STATUS_SUCCESS;
}
