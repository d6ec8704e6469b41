/*
 * attack.c - the HTML report's attack fixture (tests/browser_test.sh).
 *
 * Its comments, strings and macro names carry markup and script payloads,
 * and the test copies it to a file whose NAME is markup too.  The driver
 * really has the classic error-path bug, so that the payloads reach
 * finding messages, path steps and source excerpts.  Every payload, if it
 * ran, would set document.title or a data-pwned attribute on <body>; the
 * test proves that none did and that the text is shown escaped.
 * </script><script>document.body.setAttribute('data-pwned','header')</script>
 */
#include <ndis.h>

/* <img src=x onerror="document.body.setAttribute('data-pwned','img')"> */
#define PWNED_IF_FAILED_script_alert_1(s) \
    ((s) != NDIS_STATUS_SUCCESS && "<script>document.title='pwned'</script>"[0])

NDIS_HANDLE AtMiniportHandle;
const char *AtBanner = "</script><script>document.title='pwned'</script>";

MINIPORT_INITIALIZE AtInitialize;
MINIPORT_HALT AtHalt;
MINIPORT_UNLOAD AtUnload;

/* "--><script>document.body.setAttribute('data-pwned','comment')</script> */
NDIS_STATUS AtInitialize(NDIS_HANDLE Adapter, NDIS_HANDLE Context,
                         PNDIS_MINIPORT_INIT_PARAMETERS Params)
{
    UNREFERENCED_PARAMETER(Adapter);
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(Params);
    return NDIS_STATUS_SUCCESS;
}

VOID AtHalt(NDIS_HANDLE Adapter, NDIS_HALT_ACTION Action)
{
    UNREFERENCED_PARAMETER(Adapter);
    UNREFERENCED_PARAMETER(Action);
}

VOID AtUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(AtMiniportHandle);
}

/* '"><svg onload="document.body.setAttribute('data-pwned','svg')"> & ]]> */
NDIS_STATUS AtSetup(const char *Tag)
{
    if (Tag[0] == '<')      /* "<iframe srcdoc='<script>parent.document.title=1</script>'>" */
        return NDIS_STATUS_FAILURE;
    return NDIS_STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.InitializeHandlerEx = AtInitialize;
    MChars.HaltHandlerEx = AtHalt;
    MChars.UnloadHandler = AtUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &AtMiniportHandle);
    if (Status != NDIS_STATUS_SUCCESS)
        return Status;

    /* </script><script>document.title='pwned'</script> <!-- */
    Status = AtSetup("<script>document.body.setAttribute('data-pwned','string')</script>");
    if (PWNED_IF_FAILED_script_alert_1(Status))
        return Status;          /* leaks the miniport registration */

    return NDIS_STATUS_SUCCESS;
}
